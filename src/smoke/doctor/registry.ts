/** Every doctor check, in the order the report lists them. Add a check: one file, one line here. */
import { configOrderCheck } from './checks/config-order.js';
import { missingNadCheck } from './checks/missing-nad.js';
import { multusDaemonSetCheck } from './checks/multus-daemonset.js';
import { nadLintCheck } from './checks/nad-lint.js';
import { nadOverlapCheck } from './checks/nad-overlap.js';
import { networkStatusCheck } from './checks/network-status.js';
import { unusedNadsCheck } from './checks/unused-nads.js';
import type { DoctorCheck } from './types.js';

export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  multusDaemonSetCheck,
  configOrderCheck,
  nadLintCheck,
  nadOverlapCheck,
  missingNadCheck,
  networkStatusCheck,
  unusedNadsCheck,
];
