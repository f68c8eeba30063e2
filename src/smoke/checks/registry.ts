/** Every smoke check in the order it runs. Add a check: one file, one line here. */
import type { Check } from '../framework/check.js';
import type { SmokeContext } from '../context.js';
import { attachmentPresentCheck } from './attachment-present.js';
import { defaultRouteCheck } from './default-route.js';
import { delFreesIpsCheck } from './del-frees-ips.js';
import { ipsInRangeCheck } from './ips-in-range.js';
import { networkStatusCheck } from './network-status.js';
import { pingCheck } from './ping.js';
import { podsRunningCheck } from './pods-running.js';
import { setupCheck } from './setup.js';

export const SMOKE_CHECKS: readonly Check<SmokeContext>[] = [
  setupCheck,
  podsRunningCheck,
  attachmentPresentCheck,
  ipsInRangeCheck,
  networkStatusCheck,
  defaultRouteCheck,
  pingCheck,
  delFreesIpsCheck,
];
