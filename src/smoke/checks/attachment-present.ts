import type { Check } from '../framework/check.js';
import { liveNetwork, runningPods, type SmokeContext } from '../context.js';
import { attachmentProblems } from '../compare.js';
import { nadIpam } from '../nad-ipam.js';

/** Each pod has each attachment's interface, up, with an address when the NAD has IPAM. */
export const attachmentPresentCheck: Check<SmokeContext> = {
  id: 'attachment-present',
  title: 'each pod has the NAD interface (e.g. net1), up, with an address',
  needs: ['pods-running'],
  async run(ctx, t) {
    for (const pod of runningPods(ctx)) {
      const live = await t.action(`read interfaces of ${pod.name}`, () => liveNetwork(ctx, pod));
      t.log(`${pod.name}: ${live.interfaces.map((i) => `${i.name}[${i.addresses.join(' ')}]`).join(', ')}`);
      for (const attachment of ctx.plan.attachments) {
        const nad = ctx.state.nads.get(attachment.nadRef);
        const expectAddress = nad !== undefined && nadIpam(nad).type !== undefined;
        for (const problem of attachmentProblems(live, attachment.interface, expectAddress)) t.fail(`${pod.name}: ${problem}`);
      }
    }
  },
};
