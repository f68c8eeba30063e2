/**
 * One smoke run, cilium-connectivity-test style: plan, run the checks, clean up (always, unless
 * --keep and something failed), and return the report as data. Cleanup is reported as a check of
 * its own, so a leak fails the run and shows in JUnit.
 */
import type { Cluster } from '../k8s/ports.js';
import type { NodeHelper } from '../node/helper.js';
import { summarize, type CheckResult, type Report } from './framework/check.js';
import { runChecks } from './framework/runner.js';
import type { Selector } from './framework/selection.js';
import { SMOKE_CHECKS } from './checks/registry.js';
import { cleanupSmoke } from './cleanup.js';
import { newSmokeState, type SmokeContext } from './context.js';
import { planSmoke, type SmokeRequest } from './plan.js';

export interface SmokeOptions {
  request: SmokeRequest;
  selector?: Selector;
  /** --keep: leave everything in place when a check failed. */
  keep: boolean;
  podTimeoutMs: number;
  defaultRouteInterface: string;
  signal: AbortSignal;
  helper(node: string): Promise<NodeHelper>;
  onStart?(check: { id: string; title: string }): void;
  onResult?(result: CheckResult): void;
  progress?(text: string): void;
}

/** `smoke -o json`. */
export interface SmokeResult {
  context: string;
  namespace: string;
  nads: string[];
  pods: Array<{ name: string; node: string }>;
  notes: string[];
  /** True when --keep left the resources in place. */
  kept: boolean;
  report: Report;
}

export const CLEANUP_CHECK = { id: 'cleanup', title: 'delete the pods, NADs and namespace smoke created' } as const;

export async function runSmoke(cluster: Cluster, options: SmokeOptions): Promise<SmokeResult> {
  const plan = planSmoke(options.request, await cluster.nodes.list());
  const ctx: SmokeContext = {
    cluster, plan, helper: options.helper, podTimeoutMs: options.podTimeoutMs,
    defaultRouteInterface: options.defaultRouteInterface, state: newSmokeState(), progress: options.progress,
  };
  const started = performance.now();
  let results: CheckResult[] = [];
  let kept = false;
  try {
    const report = await runChecks(SMOKE_CHECKS, ctx, { signal: options.signal, selector: options.selector, onStart: options.onStart, onResult: options.onResult });
    results = report.results;
  } finally {
    kept = options.keep && results.some((r) => r.status === 'failed') && !options.signal.aborted;
    if (!kept) {
      options.onStart?.(CLEANUP_CHECK);
      const at = performance.now();
      const log: string[] = [];
      const leftovers = await cleanupSmoke(ctx, Math.max(options.podTimeoutMs, 30_000), (line) => log.push(line));
      const cleanup: CheckResult = {
        ...CLEANUP_CHECK, status: leftovers.length === 0 ? 'passed' : 'failed', messages: leftovers,
        log: leftovers.length === 0 ? [] : log, durationMs: performance.now() - at,
      };
      results.push(cleanup);
      options.onResult?.(cleanup);
    }
  }
  return {
    context: cluster.contextName,
    namespace: plan.namespace,
    nads: plan.attachments.map((a) => a.nadRef),
    pods: plan.pods.map((p) => ({ name: p.name, node: p.node })),
    notes: plan.notes,
    kept,
    report: summarize(results, performance.now() - started),
  };
}
