/**
 * The oclif-free front door: bin/run.js loads this lean bundle (dist/bundle/invoke.cjs, one file)
 * for the commands FRONT_DOOR_COMMANDS names, because oclif's start-up (its config, plugins and the whole
 * command bundle) costs several times what such a command does itself, and scripts and runtimes run
 * them in loops (`add` per pod; `nad list` is the measure of every command that talks to a cluster).
 * The quick cluster commands are here too; the long-running ones and those that reach into nodes
 * (whose flags include integers and repeatable values the parser leaves to oclif) are oclif's.
 *
 * It handles an invocation only when the argv is fully valid for the command (parse-flags.ts) and
 * then runs the same logic as the oclif command class, with the same CommandIo, Ctrl-C handling
 * and error report. Anything else is "not mine" and bin/run.js hands the argv to oclif, so --help,
 * every usage error and its hint stay oclif's. Must not load @oclif/core.
 */
import { commandIo, type CommandIo } from './command-io.js';
import { ExitCode } from './exit-codes.js';
import type { ArgSpecs, ArgValues, FlagSpecs, FlagValues } from './flag-spec.js';
import { globalFlags, type GlobalFlagValues } from './global-flags.js';
import { Interrupt } from './interrupt.js';
import { parseFlags } from './parse-flags.js';
import { reportError } from './report-error.js';
import { addFlags, checkFlags, delFlags } from '../multus/command-flags.js';
import type { INVOCATION_FLAGS, InvocationFlagValues, InvocationVerb } from '../multus/run-invocation.js';
import { nadDeleteFlags, nadListFlags, nadNameArgs } from '../nad/command-flags.js';
import { podListFlags } from '../smoke/command-flags.js';

/** Set (to anything but empty) to always go through oclif: to compare both paths, or to rule this one out. */
export const NO_FAST_PATH_ENV = 'MULTUSCTL_NO_FAST_PATH';

/**
 * Environment variables that make oclif itself print (its debug logs, warnings, parser traces):
 * with one set, oclif runs the command so that output stays as it was.
 */
const OCLIF_DIAGNOSTICS_ENV = ['DEBUG', 'MULTUSCTL_DEBUG', 'CLI_FLAGS_DEBUG'];

type Run = (flags: Record<string, unknown>, io: CommandIo, args: Record<string, string | undefined>) => Promise<unknown>;

interface FrontDoorCommand {
  /** The command's own flags (the same specs its oclif class is built from); the global flags come on top. */
  readonly flags: FlagSpecs;
  /** Its positional arguments, in order (the same specs its oclif class is built from). */
  readonly args: ArgSpecs;
  /** Its one implementation, loaded only once the argv is known to be the front door's. */
  load(): Promise<Run>;
}

type Implementation<S extends FlagSpecs, A extends ArgSpecs> = (flags: FlagValues<S> & GlobalFlagValues, io: CommandIo, args: ArgValues<A>) => Promise<unknown>;

/** One entry, typed by its flags and arguments; the table itself holds them erased. */
function command<S extends FlagSpecs, A extends ArgSpecs = Record<never, never>>(flags: S, load: () => Promise<Implementation<S, A>>, args?: A): FrontDoorCommand {
  return { flags, args: args ?? {}, load: load as () => Promise<Run> };
}

/** add, del and check: one implementation, told the verb (a type-only import: the engine loads on use). */
function invocation<V extends InvocationVerb>(verb: V, flags: (typeof INVOCATION_FLAGS)[V]): FrontDoorCommand {
  return command(flags, async () => {
    const { runInvocation } = await import('../multus/run-invocation.js');
    return (parsed: InvocationFlagValues<V>, io) => runInvocation(verb, parsed, io);
  });
}

/** By command id: its words, space-separated, as typed (bin/run.js names the same ids). */
export const FRONT_DOOR_COMMANDS: Readonly<Record<string, FrontDoorCommand>> = {
  add: invocation('add', addFlags),
  del: invocation('del', delFlags),
  check: invocation('check', checkFlags),
  'nad list': command(nadListFlags, async () => (await import('../nad/list-command.js')).runNadList),
  'nad get': command({}, async () => (await import('../nad/get-delete-command.js')).runNadGet, nadNameArgs),
  'nad delete': command(nadDeleteFlags, async () => (await import('../nad/get-delete-command.js')).runNadDelete, nadNameArgs),
  'pod list': command(podListFlags, async () => (await import('../smoke/pod-list-command.js')).runPodList),
};

/** Why oclif must handle this process, or undefined when the front door may. */
function oclifOnly(env: NodeJS.ProcessEnv): string | undefined {
  return [NO_FAST_PATH_ENV, ...OCLIF_DIAGNOSTICS_ENV].find((name) => env[name] !== undefined && env[name] !== '');
}

/** The id of the front-door command argv starts with (the longest match), and the rest of argv. */
function commandOf(argv: readonly string[]): { id: string; rest: readonly string[] } | undefined {
  for (const words of [2, 1]) {
    const id = argv.slice(0, words).join(' ');
    if (argv.length >= words && Object.hasOwn(FRONT_DOOR_COMMANDS, id)) return { id, rest: argv.slice(words) };
  }
  return undefined;
}

/** Taken (with the command id and its parsed flags), or left to oclif (with the reason). */
export type FrontDoorDecision = { mine: true; id: string; flags: Record<string, unknown> & GlobalFlagValues; args: Record<string, string | undefined> } | { mine: false; reason: string };

/** Whether the front door handles this argv, and with which flags. Pure: reads nothing else. */
export function frontDoorDecision(argv: readonly string[], env: NodeJS.ProcessEnv): FrontDoorDecision {
  const found = commandOf(argv);
  if (!found) return { mine: false, reason: `${argv.slice(0, 2).join(' ') || 'no command'} is not one of ${Object.keys(FRONT_DOOR_COMMANDS).join(', ')}` };
  const reason = oclifOnly(env);
  if (reason) return { mine: false, reason: `${reason} is set` };
  const entry = FRONT_DOOR_COMMANDS[found.id]!;
  const parsed = parseFlags({ ...entry.flags, ...globalFlags }, found.rest, entry.args);
  if (!parsed.mine) return parsed;
  return { mine: true, id: found.id, flags: parsed.flags as Record<string, unknown> & GlobalFlagValues, args: parsed.args };
}

/**
 * Runs a valid argv of a front-door command and returns its exit code, or undefined when the argv
 * is not the front door's to run (then nothing was printed or changed). As under oclif, a failure
 * is reported on stderr and the process should exit with the code at once; a success leaves the
 * process to end on its own.
 */
export async function frontDoorMain(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  const decision = frontDoorDecision(argv, env);
  if (!decision.mine) return undefined;
  const { id, flags, args } = decision;
  // As under oclif (its Command module does this): stdout closed early (`| head`) is no error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const interrupt = new Interrupt();
  const io = commandIo({ flags, env, signal: interrupt.signal, log: (text) => process.stdout.write(`${text}\n`) });
  interrupt.listen();
  try {
    const run = await FRONT_DOOR_COMMANDS[id]!.load();
    await run(flags, io, args);
  } catch (err) {
    return reportError(err, { colors: io.colors, debug: Boolean(flags.debug) });
  } finally {
    interrupt.stop();
  }
  // Interrupted after the last step could stop: the work is done, the exit code still says 130.
  return interrupt.signal.aborted ? ExitCode.interrupted : ExitCode.ok;
}
