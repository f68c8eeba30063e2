import type { Check } from '../framework/check.js';
import { liveNetwork, runningPods, type SmokeContext } from '../context.js';
import { leasesStillHeld } from '../compare.js';
import { nadIpam } from '../nad-ipam.js';
import { waitForPodsGone } from '../wait.js';

/** A graceful delete, so the kubelet runs CNI DEL before the pod goes (0 would skip it). */
export const DELETE_GRACE_SECONDS = 1;

/** Deleting the pods runs CNI DEL, which gives host-local's leases back. Runs last: it deletes the pods. */
export const delFreesIpsCheck: Check<SmokeContext> = {
  id: 'del-frees-ips',
  title: "deleting the pods frees their IPs (host-local leases gone on each node)",
  needs: ['attachment-present'],
  async run(ctx, t) {
    const pods = runningPods(ctx);
    const leases: Array<{ pod: string; node: string; dir: string; ips: string[] }> = [];
    for (const attachment of ctx.plan.attachments) {
      const nad = ctx.state.nads.get(attachment.nadRef);
      const ipam = nad === undefined ? undefined : nadIpam(nad);
      if (ipam?.type !== 'host-local' || ipam.leaseDir === undefined) continue;
      for (const pod of pods) {
        const iface = (await liveNetwork(ctx, pod)).interfaces.find((i) => i.name === attachment.interface);
        const node = ctx.state.running.get(pod.name)?.spec?.nodeName ?? pod.node;
        if (iface && iface.addresses.length > 0) leases.push({ pod: pod.name, node, dir: ipam.leaseDir, ips: iface.addresses });
      }
    }
    if (leases.length === 0) t.skip('no host-local attachment to check leases of');
    for (const lease of leases) {
      const held = leasesStillHeld(await (await ctx.helper(lease.node)).listDir(lease.dir), lease.ips);
      t.log(`before delete: ${lease.node}:${lease.dir} holds ${held.join(', ') || 'none'} of ${lease.pod}'s ${lease.ips.join(', ')}`);
      // Without a lease to start with, "gone afterwards" would prove nothing.
      if (held.length === 0) t.fail(`no host-local lease for ${lease.pod}'s ${lease.ips.join(', ')} in ${lease.dir} on ${lease.node} before the delete: cannot show DEL frees it`);
    }
    const names = pods.map((p) => p.name);
    await t.action(`delete pods ${names.join(', ')}`, async () => {
      for (const name of names) await ctx.cluster.pods.delete(ctx.plan.namespace, name, { gracePeriodSeconds: DELETE_GRACE_SECONDS });
    });
    const left = await t.action('wait until they are gone', () => waitForPodsGone(ctx.cluster.pods, ctx.plan.namespace, names, { signal: t.signal, timeoutMs: ctx.podTimeoutMs }));
    ctx.state.deletedPods.push(...names.filter((n) => !left.includes(n)));
    for (const name of left) t.fail(`pod ${name} is still there ${Math.round(ctx.podTimeoutMs / 1000)}s after its delete`);
    for (const lease of leases) {
      if (left.includes(lease.pod)) continue;
      const entries = await (await ctx.helper(lease.node)).listDir(lease.dir);
      const held = leasesStillHeld(entries, lease.ips);
      if (held.length > 0) t.fail(`${lease.pod}'s ${held.join(', ')} still leased in ${lease.dir} on ${lease.node} after DEL (a leak: CNI DEL did not run or failed)`);
    }
  },
};
