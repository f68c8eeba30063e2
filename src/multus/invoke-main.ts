/**
 * The front door of `multusctl add|del|check` (bin/run.js loads this bundle chunk when argv[0] is
 * one of them): oclif's start-up (its config, plugins and the whole command bundle) costs several
 * times what `add` itself does, and a runtime or a script may run `add` for every pod.
 *
 * It handles an invocation only when the argv is fully valid for the verb (src/cli/parse-flags.ts)
 * and then runs the same logic (run-invocation.ts), the same CommandIo, Ctrl-C handling and error
 * report as the oclif command. Anything else is "not mine" and bin/run.js hands the argv to oclif,
 * so --help, every usage error and its hint stay oclif's. Must not load @oclif/core.
 */
import { commandIo } from '../cli/command-io.js';
import { ExitCode } from '../cli/exit-codes.js';
import { globalFlags } from '../cli/global-flags.js';
import { Interrupt } from '../cli/interrupt.js';
import { parseFlags } from '../cli/parse-flags.js';
import { reportError } from '../cli/report-error.js';
import { INVOCATION_FLAGS, runInvocation, type InvocationFlagValues, type InvocationVerb } from './run-invocation.js';

/** Set (to anything but empty) to always go through oclif: to compare both paths, or to rule this one out. */
export const NO_FAST_PATH_ENV = 'MULTUSCTL_NO_FAST_PATH';

/**
 * Environment variables that make oclif itself print (its debug logs, warnings, parser traces):
 * with one set, oclif runs the command so that output stays as it was.
 */
const OCLIF_DIAGNOSTICS_ENV = ['DEBUG', 'MULTUSCTL_DEBUG', 'CLI_FLAGS_DEBUG'];

function isVerb(word: string | undefined): word is InvocationVerb {
  return word !== undefined && Object.hasOwn(INVOCATION_FLAGS, word);
}

/** Why oclif must handle this process, or undefined when the front door may. */
function oclifOnly(env: NodeJS.ProcessEnv): string | undefined {
  return [NO_FAST_PATH_ENV, ...OCLIF_DIAGNOSTICS_ENV].find((name) => env[name] !== undefined && env[name] !== '');
}

/** Taken (with the verb and its parsed flags), or left to oclif (with the reason). */
export type FrontDoorDecision = { [V in InvocationVerb]: { mine: true; verb: V; flags: InvocationFlagValues<V> } }[InvocationVerb] | { mine: false; reason: string };

/** Whether the front door handles this argv, and with which flags. Pure: reads nothing else. */
export function frontDoorDecision(argv: readonly string[], env: NodeJS.ProcessEnv): FrontDoorDecision {
  const [verb, ...rest] = argv;
  if (!isVerb(verb)) return { mine: false, reason: `${verb ?? 'no command'} is not add, del or check` };
  const reason = oclifOnly(env);
  if (reason) return { mine: false, reason: `${reason} is set` };
  const parsed = parseFlags({ ...INVOCATION_FLAGS[verb], ...globalFlags }, rest);
  if (!parsed.mine) return parsed;
  return { mine: true, verb, flags: parsed.flags } as FrontDoorDecision;
}

/**
 * Runs a valid `add|del|check` argv and returns its exit code, or undefined when the argv is not
 * the front door's to run (then nothing was printed or changed). As under oclif, a failure is
 * reported on stderr and the process should exit with the code at once; a success leaves the
 * process to end on its own.
 */
export async function invokeMain(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  const decision = frontDoorDecision(argv, env);
  if (!decision.mine) return undefined;
  // TypeScript cannot pair verb and flags across the union; frontDoorDecision made them a pair.
  const { verb, flags } = decision as { verb: InvocationVerb; flags: InvocationFlagValues<InvocationVerb> };
  // As under oclif (its Command module does this): stdout closed early (`| head`) is no error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const interrupt = new Interrupt();
  const io = commandIo({ flags, env, signal: interrupt.signal, log: (text) => process.stdout.write(`${text}\n`) });
  interrupt.listen();
  try {
    await runInvocation(verb, flags, io);
  } catch (err) {
    return reportError(err, { colors: io.colors, debug: Boolean(flags.debug) });
  } finally {
    interrupt.stop();
  }
  // Interrupted after the last step could stop: the work is done, the exit code still says 130.
  return interrupt.signal.aborted ? ExitCode.interrupted : ExitCode.ok;
}
