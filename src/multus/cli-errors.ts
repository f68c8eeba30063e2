/**
 * Engine errors as command errors: one sentence (the engine's message, which keeps upstream's
 * wording so it can be searched), a hint, and the exit code of spec/cli.md.
 */
import { CliError } from '../cli/errors.js';
import { ExitCode, type ExitCodeValue } from '../cli/exit-codes.js';
import { CniError } from '../cni/errors.js';
import { MultusError, type MultusErrorKind } from './errors.js';

const EXIT: Record<MultusErrorKind, ExitCodeValue> = {
  config: ExitCode.usage,
  'not-found': ExitCode.notFound,
  'pod-not-found': ExitCode.unreachable,
  api: ExitCode.unreachable,
  plugin: ExitCode.pluginFailed,
  interrupted: ExitCode.interrupted,
};

const HINT: Record<MultusErrorKind, string> = {
  config: 'check the multus config (--conf) and the pod\'s networks annotation',
  'not-found': 'check the NetworkAttachmentDefinition names and namespaces (`multusctl nad list -A`)',
  'pod-not-found': 'check --pod NAMESPACE/NAME and the kubeconfig context: the pod must exist in the cluster',
  api: 'check that the API server is reachable with this kubeconfig',
  plugin: 'run again with --trace to see each plugin call and its output',
  interrupted: 'everything added before the interruption was rolled back',
};

/** Maps what the engine (or src/cni) threw; CliErrors and unknown errors pass through. */
export function toCliError(err: unknown): unknown {
  if (err instanceof CliError) return err;
  if (err instanceof MultusError) return new CliError(err.message, { exit: EXIT[err.kind], hint: HINT[err.kind], cause: err });
  if (err instanceof CniError) return new CliError(err.message, { exit: ExitCode.pluginFailed, hint: HINT.plugin, cause: err });
  return err;
}
