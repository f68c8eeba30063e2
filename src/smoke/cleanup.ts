/**
 * Deletes what a smoke run created, whatever happened before (failed checks, Ctrl-C): pods first
 * (gracefully, so CNI DEL frees their IPs), then NADs, then the namespace, waiting until each is
 * gone. Runs on its own time budget, not the interrupted run's signal. Returns what is left.
 */
import { messageOf } from '../cli/errors.js';
import type { SmokeContext } from './context.js';
import { DELETE_GRACE_SECONDS } from './checks/del-frees-ips.js';
import { waitForPodsGone } from './wait.js';

export async function cleanupSmoke(ctx: SmokeContext, timeoutMs: number, log: (line: string) => void = () => {}): Promise<string[]> {
  const { cluster, plan, state } = ctx;
  const signal = AbortSignal.timeout(timeoutMs);
  const leftovers: string[] = [];
  const attempt = async (what: string, fn: () => Promise<unknown>): Promise<void> => {
    try {
      await fn();
      log(`ok ${what}`);
    } catch (err) {
      leftovers.push(`${what}: ${messageOf(err)}`);
    }
  };
  const pods = state.createdPods.filter((p) => !state.deletedPods.includes(p));
  for (const name of pods) await attempt(`delete pod ${plan.namespace}/${name}`, () => cluster.pods.delete(plan.namespace, name, { gracePeriodSeconds: DELETE_GRACE_SECONDS }));
  if (pods.length > 0) {
    const left = await waitForPodsGone(cluster.pods, plan.namespace, pods, { signal, timeoutMs }).catch(() => pods);
    for (const name of left) leftovers.push(`pod ${plan.namespace}/${name} is still there`);
    state.deletedPods.push(...pods.filter((p) => !left.includes(p)));
  }
  for (const ref of state.createdNads) {
    const [namespace, name] = ref.split('/') as [string, string];
    await attempt(`delete NAD ${ref}`, () => cluster.nads.delete(namespace, name));
  }
  if (state.createdNamespace) {
    await attempt(`delete namespace ${plan.namespace}`, () => cluster.namespaces.delete(plan.namespace));
    if (!(await namespaceGone(ctx, signal))) leftovers.push(`namespace ${plan.namespace} is still there`);
  }
  return leftovers;
}

/** The port has no namespace watch: check every 250 ms until it is gone or the time is up. */
async function namespaceGone(ctx: SmokeContext, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted) {
    if (!(await ctx.cluster.namespaces.exists(ctx.plan.namespace).catch(() => true))) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
