/** NAD012 (cluster mode): a NAD subnet must not overlap the cluster's pod or service CIDRs. */
import { nadSubnets } from '../ipam.js';
import { overlap, parseCidr } from '../ip.js';
import type { Rule, RuleFinding } from './rule.js';

export const nad012: Rule = {
  id: 'NAD012',
  title: "subnets stay clear of the cluster's pod and service CIDRs",
  level: 'error',
  run({ nad, cluster }) {
    if (cluster === undefined) return [];
    const out: RuleFinding[] = [];
    const sets: Array<[string, string[]]> = [['pod', cluster.podCidrs], ['service', cluster.serviceCidrs]];
    for (const subnet of nadSubnets(nad)) {
      for (const [what, cidrs] of sets) {
        for (const text of cidrs) {
          const cidr = parseCidr(text);
          if (cidr !== undefined && overlap(cidr, subnet.interval)) {
            out.push({ path: subnet.path, message: `subnet ${subnet.text} overlaps the cluster's ${what} CIDR ${cidr.text}`, hint: 'pods would route cluster traffic into this network; pick a subnet outside the cluster ranges' });
          }
        }
      }
    }
    return out;
  },
};
