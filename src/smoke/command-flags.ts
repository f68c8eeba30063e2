/** The flags of the pod commands the oclif-free front door also runs, as data (src/cli/flag-spec.ts). */
import type { FlagSpecs } from '../cli/flag-spec.js';

export const podListFlags = {
  'all-namespaces': { type: 'boolean', char: 'A', description: 'list pods in every namespace' },
} as const satisfies FlagSpecs;
