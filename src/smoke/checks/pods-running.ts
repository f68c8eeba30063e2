import type { Check } from '../framework/check.js';
import type { SmokeContext } from '../context.js';
import { SMOKE_LABEL } from '../plan.js';
import { buildTestPod, networksAnnotation } from '../test-pod.js';
import { waitForPods } from '../wait.js';

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
      t.fail(`pod ${planned.name} on ${planned.node} did not start: ${failure ?? 'unknown reason'}`);
    }
  },
};
