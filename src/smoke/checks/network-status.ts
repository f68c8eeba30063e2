import type { Check } from '../framework/check.js';
import { Annotations } from '../../constants.js';
import { parseNetworkStatus } from '../../multus/network-status.js';
import { liveNetwork, runningPods, type SmokeContext } from '../context.js';
import { statusVsLive } from '../compare.js';

/** What Multus wrote into network-status is what the pod really has. */
export const networkStatusCheck: Check<SmokeContext> = {
  id: 'network-status',
  title: "network-status matches the pod's live interfaces, MACs and IPs",
  needs: ['attachment-present'],
  async run(ctx, t) {
    for (const pod of runningPods(ctx)) {
      const current = await t.action(`get pod ${pod.name}`, () => ctx.cluster.pods.get(ctx.plan.namespace, pod.name));
      const text = current?.metadata?.annotations?.[Annotations.networkStatus];
      if (text === undefined) {
        t.fail(`${pod.name} has no ${Annotations.networkStatus} annotation`);
        continue;
      }
      t.log(`${pod.name}: network-status ${text.replace(/\s+/g, ' ')}`);
      let statuses;
      try {
        statuses = parseNetworkStatus(text);
      } catch (err) {
        t.fail(`${pod.name}: network-status is not valid: ${(err as Error).message}`);
        continue;
      }
      for (const problem of statusVsLive(statuses, await liveNetwork(ctx, pod), ctx.plan.attachments)) t.fail(`${pod.name}: ${problem}`);
    }
  },
};
