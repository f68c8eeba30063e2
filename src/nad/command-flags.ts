/** The flags of the nad commands the oclif-free front door also runs, as data (src/cli/flag-spec.ts). */
import type { FlagSpecs } from '../cli/flag-spec.js';

export const nadListFlags = {
  'all-namespaces': { type: 'boolean', char: 'A', description: 'list NADs of every namespace' },
} as const satisfies FlagSpecs;
