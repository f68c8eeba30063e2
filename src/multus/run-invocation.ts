/**
 * The one implementation of `multusctl add`, `del` and `check`: parsed flags in, a session of the
 * engine wired to the command's CommandIo (Ctrl-C, --timeout, the cluster, --trace and --debug
 * output), the report printed and returned. The oclif commands (commands/add.ts, …) and the front
 * door (src/cli/front-door.ts) both call runInvocation.
 */
import type { CommandIo } from '../cli/command-io.js';
import { CliError, usageError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { FlagValues } from '../cli/flag-spec.js';
import type { GlobalFlagValues } from '../cli/global-flags.js';
import { CNI_PLUGIN_TIMEOUT_MS } from '../constants.js';
import { isMachineFormat, type HumanRenderer, type OutputFormat } from '../ui/output.js';
import { toCliError } from './cli-errors.js';
import { commandMultusApi } from './cluster-api.js';
import { addFlags, checkFlags, delFlags, invocationFrom } from './command-flags.js';
import { formatCall } from './render-call.js';
import { addSession, checkSession, delSession, type AddReport, type CheckReport, type DelReport, type SessionOptions } from './session.js';

/** Time limit of the API calls a session makes (pod and NAD reads, status and event writes). */
const API_TIMEOUT_MS = 10_000;

/** Each verb's own flags; the global flags come on top. */
export const INVOCATION_FLAGS = { add: addFlags, del: delFlags, check: checkFlags } as const;
export type InvocationVerb = keyof typeof INVOCATION_FLAGS;

export type InvocationFlagValues<V extends InvocationVerb> = FlagValues<(typeof INVOCATION_FLAGS)[V]> & GlobalFlagValues;

export interface InvocationReports {
  add: AddReport['result'] | AddReport;
  del: DelReport;
  check: CheckReport;
}

function sessionOptions(flags: InvocationFlagValues<InvocationVerb>, io: CommandIo): SessionOptions {
  const trace = flags.debug ? (line: string) => io.trace(line) : undefined;
  return {
    flags: invocationFrom(flags),
    dryRun: flags['dry-run'],
    pluginTimeoutMs: io.timeoutMs(CNI_PLUGIN_TIMEOUT_MS),
    signal: io.signal,
    cniPath: io.env.CNI_PATH,
    connect: (kubeconfig) => commandMultusApi(kubeconfig, () => io.cluster(), { trace, timeoutMs: io.timeoutMs(API_TIMEOUT_MS) }),
    onCall: flags.trace ? (call) => io.note(formatCall(call, { colors: io.colors })) : undefined,
    log: trace,
  };
}

const rethrowForUser = (err: unknown): never => {
  throw toCliError(err);
};

type Renderers = typeof import('./render.js');

/**
 * The human renderers (and cli-table3 under them), a split chunk: started before the session so it
 * loads while the session waits on the API and the plugins; -o json|yaml never loads it.
 */
function loadRenderers(output: OutputFormat): Promise<Renderers | undefined> {
  if (isMachineFormat(output)) return Promise.resolve(undefined);
  const renderers = import('./render.js');
  // Handled where it is awaited; this only keeps a failure before then from being "unhandled".
  renderers.catch(() => {});
  return renderers;
}

/** Prints data through CommandIo once the renderers are there (a machine format needs none). */
async function printWith<D>(io: CommandIo, renderers: Promise<Renderers | undefined>, data: D, human: (r: Renderers) => HumanRenderer<D>): Promise<void> {
  const loaded = await renderers;
  await io.print(data, loaded ? human(loaded) : () => '');
}

async function runAdd(flags: InvocationFlagValues<'add'>, io: CommandIo): Promise<InvocationReports['add']> {
  if (!flags.netns) throw usageError('add needs --netns PATH: the network namespace of the pod sandbox', 'create one with `ip netns add NAME` and pass /var/run/netns/NAME');
  const renderers = loadRenderers(flags.output);
  const report = await addSession({ ...sessionOptions(flags, io), writeStatus: !flags['no-status'] }).catch(rethrowForUser);
  // -o json prints the CNI result; with --dry-run, the plan.
  const data = report.dryRun ? report : report.result;
  await printWith(io, renderers, data, (r) => (_d, ctx) => r.renderAdd(report, ctx));
  return data;
}

async function runDel(flags: InvocationFlagValues<'del'>, io: CommandIo): Promise<DelReport> {
  const renderers = loadRenderers(flags.output);
  const report = await delSession(sessionOptions(flags, io)).catch(rethrowForUser);
  await printWith(io, renderers, report, (r) => r.renderDel);
  return report;
}

async function runCheck(flags: InvocationFlagValues<'check'>, io: CommandIo): Promise<CheckReport> {
  const renderers = loadRenderers(flags.output);
  const report = await checkSession(sessionOptions(flags, io)).catch(rethrowForUser);
  await printWith(io, renderers, report, (r) => r.renderCheck);
  const failed = report.checks.filter((c) => !c.ok).length;
  if (failed > 0) throw new CliError(`${failed} of ${report.checks.length} attachment(s) of pod ${report.pod} failed CHECK`, { exit: ExitCode.checkFailed, hint: 'run again with --trace to see each plugin call' });
  return report;
}

const RUNS: { [V in InvocationVerb]: (flags: InvocationFlagValues<V>, io: CommandIo) => Promise<InvocationReports[V]> } = { add: runAdd, del: runDel, check: runCheck };

/** Runs one verb; errors come out as CliErrors (exit codes of spec/cli.md) for reportError. */
export function runInvocation<V extends InvocationVerb>(verb: V, flags: InvocationFlagValues<V>, io: CommandIo): Promise<InvocationReports[V]> {
  return RUNS[verb](flags, io);
}
