import type { Check } from '../framework/check.js';
import { liveNetwork, runningPods, sandboxRef, type SmokeContext } from '../context.js';
import { firstIpv4 } from '../compare.js';

/** ping's own bounds: a few probes, each waiting at most a couple of seconds. */
export const PING_ARGV = (ifname: string, target: string): string[] => ['ping', '-c', '3', '-i', '0.2', '-W', '2', '-I', ifname, target];

/** The pods reach each other over every attachment, both ways (run inside each pod's netns). */
export const pingCheck: Check<SmokeContext> = {
  id: 'ping',
  title: 'the pods ping each other over the NAD interface, both ways',
  needs: ['attachment-present'],
  async run(ctx, t) {
    const pods = runningPods(ctx);
    if (pods.length < 2) t.skip('needs two running pods');
    for (const attachment of ctx.plan.attachments) {
      for (const [from, to] of [[pods[0]!, pods[1]!], [pods[1]!, pods[0]!]] as const) {
        const target = firstIpv4(await liveNetwork(ctx, to), attachment.interface);
        if (target === undefined) {
          t.fail(`${to.name} has no IPv4 address on ${attachment.interface} to ping`);
          continue;
        }
        const ref = sandboxRef(ctx, from);
        const helper = await ctx.helper(ref.nodeName);
        const argv = PING_ARGV(attachment.interface, target);
        const r = await t.action(`${from.name} -> ${to.name} ${target} over ${attachment.interface}`, () => helper.runInPod(ref, argv, { timeoutMs: 20_000 }));
        t.log(r.stdout.trim());
        if (r.exitCode !== 0) {
          t.fail(`${from.name} (${ref.nodeName}) cannot ping ${to.name} at ${target} over ${attachment.interface}: ${lastLine(r.stdout) || r.stderr.trim() || `ping exited ${r.exitCode}`}`);
        }
      }
    }
  },
};

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.includes('packet') || l.includes('unreachable'));
  return lines.at(-1)?.trim() ?? '';
}
