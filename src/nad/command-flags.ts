/** The flags and arguments of the nad commands the oclif-free front door also runs, as data (src/cli/flag-spec.ts). */
import type { ArgSpecs, FlagSpecs } from '../cli/flag-spec.js';

export const nadListFlags = {
  'all-namespaces': { type: 'boolean', char: 'A', description: 'list NADs of every namespace' },
} as const satisfies FlagSpecs;

export const nadNameArgs = {
  name: { description: 'NAD name', required: true },
} as const satisfies ArgSpecs;

export const nadDeleteFlags = {
  force: { type: 'boolean', description: 'delete even when pods still reference it' },
} as const satisfies FlagSpecs;
