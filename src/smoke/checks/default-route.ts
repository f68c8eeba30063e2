import type { Check } from '../framework/check.js';
import { liveNetwork, runningPods, type SmokeContext } from '../context.js';
import { defaultRouteProblems, nadRouteProblems } from '../compare.js';
import { isDefaultDestination, nadIpam } from '../nad-ipam.js';

/** A secondary network must not take (or compete for) the pod's default route. */
export const defaultRouteCheck: Check<SmokeContext> = {
  id: 'default-route',
  title: 'the default route still leaves by eth0 and no NAD competes for it',
  needs: ['pods-running'],
  async run(ctx, t) {
    const dev = ctx.defaultRouteInterface;
    const liveDevs = new Set<string>();
    for (const pod of runningPods(ctx)) {
      const live = await t.action(`read routes of ${pod.name}`, () => liveNetwork(ctx, pod));
      t.log(`${pod.name}: default routes ${JSON.stringify(live.defaultRoutes)}`);
      for (const route of live.defaultRoutes) if (route.dev) liveDevs.add(route.dev);
      for (const problem of defaultRouteProblems(live, dev)) t.fail(`${pod.name}: ${problem}`);
    }
    const attachments = ctx.plan.attachments.map((a) => {
      const nad = ctx.state.nads.get(a.nadRef);
      return { ...a, defaultRoutes: nad === undefined ? [] : nadIpam(nad).routes.filter(isDefaultDestination) };
    });
    for (const problem of nadRouteProblems(attachments, dev, [...liveDevs])) t.fail(problem);
  },
};
