/**
 * The flags every multusctl command takes (spec/cli.md, "Global flags"), as data: BaseCommand turns
 * them into oclif's baseFlags, the front door of `add|del|check` parses them itself.
 */
import type { FlagSpecs, FlagValues } from './flag-spec.js';
import { OUTPUT_FORMATS } from '../ui/output.js';

const GLOBAL = 'GLOBAL';

export const globalFlags = {
  kubeconfig: { type: 'string', description: 'path to the kubeconfig file (else KUBECONFIG, ~/.kube/config, in-cluster)', helpGroup: GLOBAL },
  context: { type: 'string', description: 'kubeconfig context to use', helpGroup: GLOBAL },
  namespace: { type: 'string', char: 'n', description: "namespace (default: the context's, else default)", helpGroup: GLOBAL },
  output: { type: 'option', char: 'o', options: OUTPUT_FORMATS, default: 'table', description: 'output format', helpGroup: GLOBAL },
  'no-color': { type: 'boolean', description: 'disable colour (also NO_COLOR or a non-TTY stdout)', helpGroup: GLOBAL },
  debug: { type: 'boolean', char: 'v', description: 'trace API calls and plugin execs to stderr; show stack traces', helpGroup: GLOBAL },
  timeout: { type: 'string', description: 'time limit for cluster operations, e.g. 30s or 2m', helpGroup: GLOBAL },
} as const satisfies FlagSpecs;

export type GlobalFlagValues = FlagValues<typeof globalFlags>;
