/** NAD008: a route to 0.0.0.0/0 or ::/0 (or a plugin made the default gateway) competes with eth0. */
import { ipamViews } from '../ipam.js';
import { parseCidr } from '../ip.js';
import type { Rule, RuleFinding } from './rule.js';

const HINT = 'remove it and request the route per pod with "default-route" in the networks annotation, or route only the subnets you need';

export const nad008: Rule = {
  id: 'NAD008',
  title: 'no default route through a secondary network',
  level: 'warning',
  run({ nad }) {
    const out: RuleFinding[] = [];
    for (const view of ipamViews(nad)) {
      for (const route of view.routes) {
        const c = parseCidr(route.dst);
        if (c !== undefined && c.prefix === 0) {
          out.push({ path: [...route.path, 'dst'], message: `route to ${c.text} will compete with the pod's default route on eth0`, hint: HINT });
        }
      }
    }
    for (const plugin of nad.plugins) {
      if (plugin.config.isDefaultGateway === true) {
        out.push({ path: [...plugin.path, 'isDefaultGateway'], message: `${plugin.type ?? 'the plugin'} with isDefaultGateway adds a default route that competes with eth0`, hint: HINT });
      }
      const delegate = plugin.config.delegate;
      if (typeof delegate === 'object' && delegate !== null && (delegate as Record<string, unknown>).isDefaultGateway === true) {
        out.push({ path: [...plugin.path, 'delegate', 'isDefaultGateway'], message: 'the delegate sets isDefaultGateway: a default route competes with eth0', hint: HINT });
      }
    }
    return out;
  },
};
