import type { Check } from '../framework/check.js';
import type { SmokeContext } from '../context.js';
import { SMOKE_LABEL } from '../plan.js';
import { buildTestPod, networksAnnotation } from '../test-pod.js';
import { waitForPods } from '../wait.js';
import { likelyCause } from '../compare.js';
import { nadIpam } from '../nad-ipam.js';

function nadFacts(ctx: SmokeContext): Array<{ ref: string; type?: string; master?: string }> {
  return [...ctx.state.nads].map(([ref, nad]) => {
    try {
      const config = JSON.parse(nad.spec?.config ?? '{}') as { master?: unknown; plugins?: Array<{ master?: unknown }> };
      const value = config.master ?? config.plugins?.[0]?.master;
      return { ref, type: nadIpam(nad).pluginType, master: typeof value === 'string' ? value : undefined };
    } catch {
      return { ref }; // an unreadable config names no master
    }
  });
}

/** Two pods with the attachments, running: the runtime and Multus accepted the NAD on each node. */
export const podsRunningCheck: Check<SmokeContext> = {
  id: 'pods-running',
  title: 'both test pods start with the NAD attached',
  required: true,
  needs: ['setup'],
  async run(ctx, t) {
    const { cluster, plan, state } = ctx;
    const names = plan.pods.map((p) => p.name);
    const result = await t.action(`start pods ${names.join(', ')}`, () =>
      waitForPods(cluster, plan.namespace, names, {
        signal: t.signal,
        timeoutMs: ctx.podTimeoutMs,
        onChange: (name, pod) => ctx.progress?.(`${name}: ${pod.status?.phase ?? 'Pending'}`),
      }, async () => {
        for (const planned of plan.pods) {
          const pod = buildTestPod({
            namespace: plan.namespace,
            name: planned.name,
            node: planned.node,
            image: plan.image,
            networks: networksAnnotation(planned.requests, plan.namespace),
            labels: { [SMOKE_LABEL]: 'true' },
          });
          t.log(`create pod ${planned.name} on ${planned.node}: networks=${pod.metadata?.annotations?.['k8s.v1.cni.cncf.io/networks']}`);
          await cluster.pods.create(pod);
          state.createdPods.push(planned.name);
        }
      }),
    );
    for (const planned of plan.pods) {
      const pod = result.pods.get(planned.name);
      const failure = result.failures.get(planned.name);
      if (pod !== undefined && failure === undefined && pod.status?.phase === 'Running') {
        state.running.set(planned.name, pod);
        t.log(`${planned.name} running on ${pod.spec?.nodeName}`);
        continue;
      }
      const reason = failure ?? 'unknown reason';
      t.fail(`pod ${planned.name} on ${planned.node} did not start: ${reason}${likelyCause(reason, planned.node, nadFacts(ctx))}`);
    }
  },
};
