/**
 * One `multusctl add|del|check` run: the multus config from --conf, the pod from the cluster, the
 * engine wired to real plugins (or to planning ports for --dry-run), each plugin call reported for
 * --trace, and the outcome as data. The commands only parse flags and render what this returns.
 */
import { existsSync } from 'node:fs';
import type { PluginExec } from '../cni/exec.js';
import { localPluginExec } from '../cni/local-exec.js';
import type { TracedCall } from '../cni/libcni.js';
import type { JsonObject } from '../cni/conf.js';
import type { V1Pod } from '../k8s/types.js';
import type { MultusApi } from './api.js';
import { cniDelegateRunner } from './cni-runner.js';
import type { PodNetnsOps } from './default-route.js';
import { planningExec, planningNetnsOps, readOnlyApi, type PlannedAction } from './dry-run.js';
import { multusAdd, multusCheck, multusDel, type AddOutcome, type CheckOutcome, type DelOutcome, type MultusDeps } from './engine.js';
import { MultusError, messageOf } from './errors.js';
import { loadMultusConf, requestFromFlags, splitPodRef, type InvocationFlags } from './invocation.js';
import { ipNetnsOps } from './netns-ops.js';
import { redactJson } from './redact.js';
import { unsupportedKeysIn } from './config.js';

/** One plugin call as --trace and --dry-run show it (stdin parsed and redacted). */
export interface CallReport {
  command: string;
  network: string;
  type: string;
  ifName: string;
  pluginPath: string;
  env: Record<string, string>;
  stdin: unknown;
  /** The plugin's stdout (parsed when JSON); absent in a dry-run. */
  result?: unknown;
  exitCode?: number | null;
  durationMs?: number;
  error?: string;
}

export interface SessionOptions {
  flags: InvocationFlags;
  dryRun?: boolean;
  /** Write network-status after ADD (unless --no-status). */
  writeStatus?: boolean;
  /** Time limit of each plugin call. */
  pluginTimeoutMs: number;
  signal?: AbortSignal;
  /** CNI_PATH of the environment: searched after binDir, like multus. */
  cniPath?: string;
  /** Connects to the cluster: `kubeconfig` is the multus config's key when it has one. */
  connect(kubeconfig: string | undefined): Promise<MultusApi & { close?(): void }>;
  /** Each plugin call as it finishes (for --trace). */
  onCall?: (call: CallReport) => void;
  /** Engine log lines (for --debug). */
  log?: (line: string) => void;
  /** Ports, replaceable in tests and by the lab. */
  exec?: PluginExec;
  netnsOps?: PodNetnsOps;
}

interface Common {
  pod: string;
  containerId: string;
  netns: string;
  conf: string;
  dryRun: boolean;
  calls: CallReport[];
  /** Multus-side actions a dry-run did not take (API writes, route changes). */
  planned: string[];
  warnings: string[];
}

export type AddReport = Common & Pick<AddOutcome, 'result' | 'attachments' | 'networkStatus' | 'statusWritten'>;
export type DelReport = Common & Pick<DelOutcome, 'source' | 'attachments'>;
export type CheckReport = Common & CheckOutcome;

function callReport(c: TracedCall): CallReport {
  const out: CallReport = { command: c.command, network: c.network, type: c.type, ifName: c.env.CNI_IFNAME ?? '', pluginPath: c.pluginPath, env: c.env, stdin: redactJson(c.stdin) };
  if (c.output) {
    out.exitCode = c.output.exitCode;
    out.durationMs = Math.round(c.output.durationMs * 10) / 10;
    if (c.output.stdout.trim() !== '') out.result = redactJson(c.output.stdout);
  }
  if (c.error) out.error = c.error;
  return out;
}

/** Remembers the first pod GET so the engine's own GET costs no second request. */
function withPodMemo(api: MultusApi, first: V1Pod | undefined, key: string): MultusApi {
  let memo: V1Pod | undefined | null = first === undefined ? null : first;
  return {
    ...api,
    getPod: async (ns, name) => {
      if (memo !== null && `${ns}/${name}` === key) {
        const pod = memo;
        memo = null;
        return pod;
      }
      return api.getPod(ns, name);
    },
    getNad: (ns, name) => api.getNad(ns, name),
    updateNetworkStatus: (ns, name, value, known) => api.updateNetworkStatus(ns, name, value, known),
    recordEvent: (pod, event) => api.recordEvent(pod, event),
  };
}

async function prepare(opts: SessionOptions, forDel: boolean) {
  if (!forDel && !opts.dryRun && !existsSync(opts.flags.netns)) {
    throw new MultusError(`no network namespace at ${opts.flags.netns}`, { kind: 'config' });
  }
  const loaded = await loadMultusConf(opts.flags.conf);
  const ref = splitPodRef(opts.flags.pod, opts.flags.namespace);
  const warnings = unsupportedKeysIn(loaded.config).map((k) => `the multus config key "${k}" is accepted but not acted on by multusctl`);
  if (loaded.wrapped) warnings.push(`${loaded.path} is not a multus config: it runs as the only delegate`);
  let api: (MultusApi & { close?(): void }) | undefined;
  let pod: V1Pod | undefined;
  let close = (): void => {};
  try {
    api = await opts.connect(loaded.config.kubeconfig);
    close = () => api?.close?.();
    pod = await api.getPod(ref.namespace, ref.name);
  } catch (err) {
    // DEL must work with the API server gone: the scratch file has the delegates.
    if (!forDel) throw err;
    warnings.push(`cannot read pod ${ref.namespace}/${ref.name} from the API (${messageOf(err)}): deleting from the scratch file`);
    api = undefined;
  }
  if (!pod && !forDel) {
    close();
    throw new MultusError(`pod ${ref.namespace}/${ref.name} not found in the cluster`, { kind: 'pod-not-found' });
  }
  const planned: PlannedAction[] = [];
  const calls: CallReport[] = [];
  const dryRun = opts.dryRun === true;
  const baseExec = opts.exec ?? localPluginExec();
  const realOps = opts.netnsOps ?? ipNetnsOps();
  const req = requestFromFlags(opts.flags, loaded, pod?.metadata?.uid ?? '');
  const binDirs = [req.config.binDir, ...(opts.cniPath ?? '').split(':').filter((d) => d !== '')];
  const memo = api ? withPodMemo(api, pod, `${ref.namespace}/${ref.name}`) : undefined;
  const deps: MultusDeps = {
    api: memo && dryRun ? readOnlyApi(memo, planned) : memo,
    runner: cniDelegateRunner({
      exec: dryRun ? planningExec(baseExec) : baseExec,
      binDirs,
      cacheDir: req.config.cniDir,
      timeoutMs: opts.pluginTimeoutMs,
      readOnly: dryRun,
      onCall: (c) => {
        const r = callReport(c);
        calls.push(r);
        opts.onCall?.(r);
      },
    }),
    netnsOps: dryRun ? planningNetnsOps(realOps, planned) : realOps,
    signal: opts.signal,
    writeStatus: opts.writeStatus ?? true,
    podNotFound: 'error',
    precheckInterfaces: true,
    dryRun,
    log: opts.log,
  };
  const common = (): Common => ({
    pod: `${ref.namespace}/${ref.name}`,
    containerId: req.containerId,
    netns: req.netns,
    conf: loaded.path,
    dryRun,
    calls,
    planned: planned.map((p) => p.what),
    warnings,
  });
  return { req, deps, common, warnings, close };
}

export async function addSession(opts: SessionOptions): Promise<AddReport> {
  const { req, deps, common, warnings, close } = await prepare(opts, false);
  const out = await multusAdd(req, deps).finally(close);
  warnings.push(...out.warnings);
  return { ...common(), result: out.result as JsonObject, attachments: out.attachments, networkStatus: out.networkStatus, statusWritten: out.statusWritten };
}

export async function delSession(opts: SessionOptions): Promise<DelReport> {
  const { req, deps, common, warnings, close } = await prepare(opts, true);
  const out = await multusDel(req, deps).finally(close);
  warnings.push(...out.warnings);
  return { ...common(), source: out.source, attachments: out.attachments };
}

export async function checkSession(opts: SessionOptions): Promise<CheckReport> {
  const { req, deps, common, close } = await prepare(opts, false);
  const out = await multusCheck(req, deps, 'all').finally(close);
  return { ...common(), checks: out.checks };
}
