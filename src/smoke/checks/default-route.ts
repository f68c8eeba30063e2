import type { Check } from '../framework/check.js';
import { liveNetwork, runningPods, type SmokeContext } from '../context.js';
import { defaultRouteProblems } from '../compare.js';
import { isDefaultDestination, nadIpam } from '../nad-ipam.js';

/** A secondary network must not take the pod's default route from the cluster network. */
export const defaultRouteCheck: Check<SmokeContext> = {
  id: 'default-route',
  title: 'the default route still leaves by eth0',
  needs: ['pods-running'],
  async run(ctx, t) {
    const dev = ctx.defaultRouteInterface;
    // Which NAD is to blame when one routes everything (the pitfall this check exists for).
    const blame = [...ctx.state.nads].flatMap(([ref, nad]) => {
      const routes = nadIpam(nad).routes.filter(isDefaultDestination);
      return routes.length > 0 ? [`NAD ${ref} routes ${routes.join(', ')}`] : [];
    });
    for (const pod of runningPods(ctx)) {
      const live = await t.action(`read routes of ${pod.name}`, () => liveNetwork(ctx, pod));
      t.log(`${pod.name}: default routes ${JSON.stringify(live.defaultRoutes)}`);
      for (const problem of defaultRouteProblems(live, dev)) {
        const cause = blame.length > 0 && !problem.includes('no IPv4 default route') ? ` (${blame.join('; ')}: use the default-route selection instead)` : '';
        t.fail(`${pod.name}: ${problem}${cause}`);
      }
    }
  },
};
