import type { Check } from '../framework/check.js';
import { liveNetwork, runningPods, type SmokeContext } from '../context.js';
import { addressesOutOfRange } from '../compare.js';
import { describeRange, nadIpam } from '../nad-ipam.js';

/** The addresses IPAM gave each attachment lie within the NAD's subnet and range. */
export const ipsInRangeCheck: Check<SmokeContext> = {
  id: 'ips-in-range',
  title: "each attachment's IPs lie within the NAD's range",
  needs: ['attachment-present'],
  async run(ctx, t) {
    let compared = 0;
    for (const attachment of ctx.plan.attachments) {
      const nad = ctx.state.nads.get(attachment.nadRef);
      if (nad === undefined) continue;
      const ipam = nadIpam(nad);
      if (ipam.ranges.length === 0) {
        t.log(`${attachment.nadRef}: no range to compare with (IPAM ${ipam.type ?? 'none'})`);
        continue;
      }
      t.log(`${attachment.nadRef}: ${ipam.ranges.map(describeRange).join(', ')}`);
      for (const pod of runningPods(ctx)) {
        const iface = (await liveNetwork(ctx, pod)).interfaces.find((i) => i.name === attachment.interface);
        if (iface === undefined) continue;
        compared += 1;
        for (const problem of addressesOutOfRange(attachment.interface, iface.addresses, ipam.ranges)) t.fail(`${pod.name}: ${problem}`);
      }
    }
    if (compared === 0) t.skip('no NAD declares a range to compare with (IPAM without subnet, or no IPAM)');
  },
};
