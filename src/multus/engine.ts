/**
 * The multus meta-plugin path (spec/multus.md §3–4): ADD, DEL and CHECK for one pod sandbox, over
 * ports (MultusApi, DelegateRunner, PodNetnsOps) so `multusctl add`, plugin mode, the lab kubelet
 * and tests all run the same code.
 */
// Synchronous on purpose: small local files in a one-shot process (a CLI run, a CNI plugin call);
// a thread-pool hop per call costs more than the I/O, and the first one starts libuv's thread pool.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCacheEntries } from '../cni/cache.js';
import type { GcAttachment } from '../cni/libcni.js';
import type { V1Pod } from '../k8s/types.js';
import { Annotations } from '../constants.js';
import type { MultusApi } from './api.js';
import { delegateArgPairs, parseK8sArgs, type K8sArgs } from './cni-args.js';
import type { MultusConfig } from './config.js';
import { capabilityArgsFor, networkName, pluginType, type Delegate, type JsonObject } from './delegate.js';
import { routeActionFor, stripDefaultRoutes, type PodNetnsOps } from './default-route.js';
import { CniCode, MultusError, cmdErrMessage, messageOf, pluginErrMessage, type PodKey } from './errors.js';
import { interfaceName, interfaceNameProblems, interfaceNames } from './ifnames.js';
import { formatNetworkStatus, networkStatusesFor, type NetworkStatus } from './network-status.js';
import { resolveDelegates } from './resolve.js';
import type { DelegateRunner, DelegateRuntime } from './runner.js';
import { loadScratch, removeScratch, saveScratch } from './scratch.js';

/** What the runtime passes multus (CNI env + the parsed stdin config). */
export interface MultusRequest {
  config: MultusConfig;
  containerId: string;
  netns: string;
  /** CNI_IFNAME, normally eth0. */
  ifName: string;
  /** The runtime's CNI_ARGS (K8S_POD_* pairs). */
  cniArgs?: string;
}

export interface MultusDeps {
  /** undefined: no API client (no kubeconfig); delegates come from the config only. */
  api?: MultusApi;
  runner: DelegateRunner;
  netnsOps: PodNetnsOps;
  /** Aborts the operation (Ctrl-C); ADD then rolls back with a fresh time limit. */
  signal?: AbortSignal;
  /** Write network-status after ADD (default true). */
  writeStatus?: boolean;
  /**
   * Pod missing on ADD: 'empty-result' is upstream master (no delegate runs, an empty result);
   * 'error' is what `multusctl add` does.
   */
  podNotFound?: 'empty-result' | 'error';
  /** Improvement: refuse duplicate/invalid interface names before any plugin runs. */
  precheckInterfaces?: boolean;
  /** Improvement: remove the scratch file after a full rollback (upstream leaves it). */
  removeScratchOnRollback?: boolean;
  /** readinessindicatorfile polling (upstream: every 1 s for 45 s). */
  readiness?: { intervalMs: number; timeoutMs: number };
  /** Pod GET retries on API errors (upstream: every 250 ms for 2.5 s). */
  podRetry?: { intervalMs: number; timeoutMs: number };
  /**
   * Plan only (--dry-run): the runner's exec plans instead of running, and the engine writes
   * nothing itself (no scratch file, no cache edits); pass a read-only API and netns ops too.
   */
  dryRun?: boolean;
  /** Called for each step worth tracing. */
  log?: (line: string) => void;
}

/** One attachment as planned/made. */
export interface AttachmentInfo {
  /** network-status name (`ns/nad` or the config name). */
  name: string;
  ifName: string;
  /** The CNI network name (config `name`). */
  network: string;
  type: string;
  master: boolean;
  origin: string;
}

/** What multusAdd returns: the CNI result (converted to the multus config's cniVersion) and more. */
export interface AddOutcome {
  result: JsonObject;
  networkStatus: NetworkStatus[];
  attachments: AttachmentInfo[];
  warnings: string[];
  /** False when the pod was not found and the empty result was returned. */
  podFound: boolean;
  /** Whether network-status was written to the pod. */
  statusWritten: boolean;
}

export interface DelOutcome {
  /** Where the delegates came from. */
  source: 'scratch' | 'api' | 'none';
  attachments: AttachmentInfo[];
  warnings: string[];
}

export interface CheckOutcome {
  checks: Array<AttachmentInfo & { ok: boolean; error?: string }>;
}

const DEFAULT_READINESS = { intervalMs: 1000, timeoutMs: 45_000 };
const DEFAULT_POD_RETRY = { intervalMs: 250, timeoutMs: 2500 };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(interrupted());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(interrupted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function interrupted(): MultusError {
  return new MultusError('interrupted', { kind: 'interrupted', code: CniCode.tryAgainLater });
}

function podKeyOf(k8s: K8sArgs): PodKey {
  return { namespace: k8s.namespace, name: k8s.name, uid: k8s.uid };
}

/** Re-wraps an error with the `Multus: [ns/pod/uid]: ` prefix, keeping kind and code. */
function cmdErr(pod: PodKey | undefined, message: string, err?: unknown): MultusError {
  const inner = err instanceof MultusError ? err : undefined;
  return new MultusError(cmdErrMessage(pod, message), {
    kind: inner?.kind ?? (err === undefined ? 'config' : 'api'),
    code: inner?.code ?? CniCode.multus,
    details: inner?.details,
    cause: err,
  });
}

function fileExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

async function waitForReadiness(file: string, opts: { intervalMs: number; timeoutMs: number }, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (fileExists(file)) return true;
    if (Date.now() + opts.intervalMs > deadline) return false;
    await sleep(opts.intervalMs, signal);
  }
}

/** upstream GetReadinessIndicatorFile: wait for the file (when the config names one), else fail naming it. */
async function awaitReadiness(config: MultusConfig, deps: MultusDeps, pod: PodKey | undefined): Promise<void> {
  if (!config.readinessIndicatorFile) return;
  if (await waitForReadiness(config.readinessIndicatorFile, deps.readiness ?? DEFAULT_READINESS, deps.signal)) return;
  throw cmdErr(
    pod,
    `have you checked that your default network is ready? still waiting for readinessindicatorfile @ ${config.readinessIndicatorFile}. pollimmediate error: timed out waiting for the condition`,
  );
}

/** upstream GetPod: retried on API errors; undefined when not found (or, on DEL, UID mismatch). */
async function getPod(api: MultusApi, k8s: K8sArgs, isDel: boolean, deps: MultusDeps): Promise<V1Pod | undefined> {
  const retry = deps.podRetry ?? DEFAULT_POD_RETRY;
  const deadline = Date.now() + retry.timeoutMs;
  let pod: V1Pod | undefined;
  for (;;) {
    try {
      pod = await api.getPod(k8s.namespace, k8s.name);
      break;
    } catch (err) {
      if (Date.now() + retry.intervalMs > deadline) throw cmdErr(podKeyOf(k8s), `error waiting for pod: ${messageOf(err)}`, new MultusError(messageOf(err), { kind: 'api', cause: err }));
      await sleep(retry.intervalMs, deps.signal);
    }
  }
  if (!pod) return undefined;
  const uid = pod.metadata?.uid ?? '';
  const source = pod.metadata?.annotations?.[Annotations.configSource];
  const isStatic = source !== undefined && source !== 'api';
  if (k8s.uid !== '' && uid !== k8s.uid && !isStatic) {
    if (isDel) {
      deps.log?.(`warning: expected pod UID "${k8s.uid}" but got "${uid}" from Kube API; deleting from the scratch file`);
      return undefined;
    }
    throw cmdErr(podKeyOf(k8s), `expected pod UID "${k8s.uid}" but got "${uid}" from Kube API`);
  }
  return pod;
}

function attachmentOf(d: Delegate, ifName: string): AttachmentInfo {
  return { name: d.name, ifName, network: networkName(d), type: pluginType(d), master: d.master, origin: d.origin };
}

function runtimeFor(req: MultusRequest, k8s: K8sArgs, d: Delegate, ifName: string, forAdd: boolean): DelegateRuntime {
  return {
    containerId: req.containerId,
    netns: req.netns,
    ifName,
    args: delegateArgPairs(k8s, req.cniArgs, forAdd ? { mac: d.macRequest, ips: d.ipRequest } : {}),
    capabilityArgs: capabilityArgsFor(d, req.config.runtimeConfig as JsonObject),
  };
}

/** upstream delPlugins: DEL from `lastIndex` down to 0, every one attempted, errors collected. */
async function delPlugins(req: MultusRequest, k8s: K8sArgs, delegates: readonly Delegate[], lastIndex: number, deps: MultusDeps): Promise<Array<{ index: number; message: string }>> {
  const errors: Array<{ index: number; message: string }> = [];
  for (let i = lastIndex; i >= 0; i -= 1) {
    const d = delegates[i]!;
    const ifName = interfaceName(d, req.ifName, i);
    try {
      // No abort signal here: cleanup must run after Ctrl-C too (the runner's time limit still holds).
      await deps.runner.del(d, runtimeFor(req, k8s, d, ifName, false));
    } catch (err) {
      const what = d.isConfList
        ? `DelegateDel: error invoking ConflistDel - "${networkName(d)}": conflistDel: error in getting result from DelNetworkList: `
        : `DelegateDel: error invoking DelegateDel - "${pluginType(d)}": error in getting result from DelNetwork: `;
      errors.push({ index: i, message: what + messageOf(err) });
    }
  }
  return errors;
}

function emptyResult(req: MultusRequest): JsonObject {
  return {
    cniVersion: '1.0.0',
    interfaces: [{ name: req.ifName, sandbox: req.netns }],
    ips: [{ address: '0.0.0.0/0', gateway: '0.0.0.0' }],
  };
}

/** Applies default-route changes after one delegate's ADD (upstream: no rollback if they fail). */
async function applyRoutes(req: MultusRequest, d: Delegate, ifName: string, deps: MultusDeps, pod: PodKey): Promise<void> {
  const action = routeActionFor(d);
  if (!action.deleteDefaults && action.addGateways.length === 0) return;
  const cacheFile = deps.runner.cachePath(d, { containerId: req.containerId, ifName });
  const editCachedResult = deps.dryRun ? async () => {} : editCacheFile;
  if (action.deleteDefaults) {
    try {
      await deps.netnsOps.deleteDefaultRoutes(req.netns, ifName);
      await editCachedResult(cacheFile, (r) => stripDefaultRoutes(r, action.stripV4, action.stripV6));
    } catch (err) {
      throw cmdErr(pod, `error deleting default gateway: ${messageOf(err)}`, err);
    }
  }
  if (action.addGateways.length > 0) {
    try {
      for (const gw of action.addGateways) await deps.netnsOps.addDefaultRoute(req.netns, ifName, gw);
      await editCachedResult(cacheFile, (r) => {
        const routes = Array.isArray(r.routes) ? [...(r.routes as JsonObject[])] : [];
        for (const gw of action.addGateways) routes.push({ dst: gw.includes(':') ? '::/0' : '0.0.0.0/0', gw });
        return { ...r, routes };
      });
    } catch (err) {
      throw cmdErr(pod, `error setting default gateway: ${messageOf(err)}`, err);
    }
  }
}

/** Rewrites the `result` of a libcni cache file (kept 0600); a missing cache file is left alone. */
async function editCacheFile(path: string, edit: (result: JsonObject) => JsonObject): Promise<void> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const cache = JSON.parse(text) as JsonObject;
  if (typeof cache.result !== 'object' || cache.result === null) throw new Error('cannot get result from cache');
  cache.result = edit(cache.result as JsonObject);
  writeFileSync(path, JSON.stringify(cache), { mode: 0o600 });
}

/**
 * CNI ADD through multus: resolves the pod's delegates, writes the scratch file, runs each delegate
 * (rolling back on failure), adjusts default routes, records events and writes network-status.
 */
export async function multusAdd(req: MultusRequest, deps: MultusDeps): Promise<AddOutcome> {
  const { config } = req;
  const k8s = parseK8sArgs(req.cniArgs);
  const key = podKeyOf(k8s);
  const log = deps.log ?? (() => {});
  await awaitReadiness(config, deps, key);
  let pod: V1Pod | undefined;
  if (deps.api) {
    pod = await getPod(deps.api, k8s, false, deps);
    if (!pod) {
      if ((deps.podNotFound ?? 'empty-result') === 'error') {
        throw new MultusError(cmdErrMessage(key, `pod ${k8s.namespace}/${k8s.name} not found`), { kind: 'pod-not-found' });
      }
      log(`pod [${k8s.namespace}/${k8s.name}] not found, exiting with empty CNI result`);
      return {
        result: deps.runner.convert(emptyResult(req), config.cniVersion || '1.0.0'),
        networkStatus: [],
        attachments: [],
        warnings: [`pod ${k8s.namespace}/${k8s.name} not found: no delegate ran`],
        podFound: false,
        statusWritten: false,
      };
    }
  }
  // Upstream checks each name inside the netns before its delegate runs; one look at the
  // namespace, kept up to date with what we add, answers the same question. The look starts here,
  // so its `ip` child runs while the NADs are read (not before the pod GET: there it would compete
  // with the TLS handshake).
  const look = deps.netnsOps.listInterfaces?.(req.netns);
  // Awaited (its error surfaced) by the first exists() below; this only keeps it from being "unhandled".
  look?.catch(() => {});
  const pendingEvents: Promise<void>[] = [];
  const event = (type: 'Normal' | 'Warning', reason: string, message: string): void => {
    if (!deps.api || !pod) return;
    pendingEvents.push(deps.api.recordEvent(pod, { type, reason, message }).catch((err: unknown) => log(`event ${reason} not recorded: ${messageOf(err)}`)));
  };
  try {
    let resolution;
    try {
      resolution = await resolveDelegates({ config, api: deps.api, pod, event });
    } catch (err) {
      throw cmdErr(key, messageOf(err), err);
    }
    const { delegates, warnings } = resolution;
    let present: Set<string> | undefined;
    const exists = async (ifName: string): Promise<boolean> => {
      if (!look) return deps.netnsOps.interfaceExists(req.netns, ifName);
      present ??= new Set(await look);
      return present.has(ifName);
    };
    if (deps.precheckInterfaces) {
      const problems = interfaceNameProblems(delegates, req.ifName);
      for (const name of interfaceNames(delegates, req.ifName)) {
        if (await exists(name).catch(() => false)) problems.push(`interface name "${name}" already exists in ${req.netns}`);
      }
      if (problems.length > 0) throw new MultusError(cmdErrMessage(key, problems.join('; ')), { kind: 'config', code: CniCode.invalidNetworkConfig });
    }
    try {
      if (!deps.dryRun) await saveScratch(config.cniDir, req.containerId, delegates);
    } catch (err) {
      throw cmdErr(key, `error saving the delegates: ${messageOf(err)}`, err);
    }
    const attachments = delegates.map((d, i) => attachmentOf(d, interfaceName(d, req.ifName, i)));
    const statuses: NetworkStatus[] = [];
    let masterResult: JsonObject | undefined;
    for (let idx = 0; idx < delegates.length; idx += 1) {
      const d = delegates[idx]!;
      const ifName = attachments[idx]!.ifName;
      const netName = networkName(d);
      let added;
      try {
        if (deps.signal?.aborted) throw interrupted();
        if (await exists(ifName)) {
          throw new Error(`DelegateAdd: cannot set "${pluginType(d)}" interface name to "${ifName}": validateIfName: interface name ${ifName} already exists`);
        }
        added = await deps.runner.add(d, runtimeFor(req, k8s, d, ifName, true), deps.signal);
      } catch (err) {
        log(`ADD of ${d.name || netName} on ${ifName} failed; rolling back delegates ${idx}..0`);
        const delErrors = await delPlugins(req, k8s, delegates, idx, deps);
        for (const e of delErrors) log(`rollback: ${e.message}`);
        // Improvement: the scratch file goes once every delegate that was added is deleted again
        // (the failed one's own DEL may fail: it made nothing, or its binary is missing).
        const undone = delErrors.every((e) => e.index === idx);
        if ((deps.removeScratchOnRollback ?? true) && undone && !deps.dryRun) await removeScratch(config.cniDir, req.containerId);
        const kind = err instanceof MultusError && err.kind === 'interrupted' ? 'interrupted' : deps.signal?.aborted ? 'interrupted' : 'plugin';
        throw new MultusError(pluginErrMessage(key, netName, `error adding container to network "${netName}": ${messageOf(err)}`), {
          kind,
          code: (err as { code?: number }).code ?? CniCode.multus,
          details: (err as { details?: string }).details,
          cause: err,
        });
      }
      present?.add(ifName);
      if (d.master || masterResult === undefined) masterResult = added.raw;
      const current = added.current;
      const hasSomething = (current.interfaces?.length ?? 0) > 0 || (current.ips?.length ?? 0) > 0;
      if (hasSomething) {
        const ips = (current.ips ?? []).map((ip) => ip.address);
        event('Normal', 'AddedInterface', d.name ? `Add ${ifName} [${ips.join(' ')}] from ${d.name}` : `Add ${ifName} [${ips.join(' ')}]`);
      }
      // A dry-run's placeholder result is empty, but its plan still shows the route changes.
      if (hasSomething || deps.dryRun) await applyRoutes(req, d, ifName, deps, key);
      if (deps.api && pod) statuses.push(...networkStatusesFor(current, d.name, d.master));
    }
    let statusWritten = false;
    if (deps.api && pod && (deps.writeStatus ?? true)) {
      // The last event is usually still on the wire: sending the status beside it would open a
      // second connection (a TLS handshake), slower than waiting for the event's answer.
      await Promise.all(pendingEvents);
      try {
        await deps.api.updateNetworkStatus(k8s.namespace, k8s.name, formatNetworkStatus(statuses), pod);
        statusWritten = true;
      } catch (err) {
        const msg = messageOf(err);
        // Upstream tolerates a pod deleted meanwhile.
        if (/pod "[^"]*" not found/.test(msg)) log(`warning: tolerated failure writing network status (pod not found): ${msg}`);
        else throw cmdErr(key, `error setting the networks status: SetNetworkStatus: ${msg}`, new MultusError(msg, { kind: 'api', cause: err }));
      }
    }
    return {
      result: deps.runner.convert(masterResult ?? emptyResult(req), config.cniVersion || String(masterResult?.cniVersion ?? '1.0.0')),
      networkStatus: statuses,
      attachments,
      warnings,
      podFound: pod !== undefined || !deps.api,
      statusWritten,
    };
  } finally {
    await Promise.all(pendingEvents);
  }
}

/**
 * CNI DEL through multus: delegates from the scratch file (or, when it is missing and the pod still
 * exists, resolved again), DEL in reverse order past failures, then the scratch file removed.
 * Never clears network-status. Idempotent.
 */
export async function multusDel(req: MultusRequest, deps: MultusDeps): Promise<DelOutcome> {
  const { config } = req;
  const k8s = parseK8sArgs(req.cniArgs);
  const key = podKeyOf(k8s);
  const log = deps.log ?? (() => {});
  const warnings: string[] = [];
  if (config.readinessIndicatorFile && !fileExists(config.readinessIndicatorFile)) {
    warnings.push(`readinessindicatorfile @ ${config.readinessIndicatorFile} does not exist on CNI DEL`);
  }
  let pod: V1Pod | undefined;
  if (deps.api) {
    try {
      pod = await getPod(deps.api, k8s, true, deps);
    } catch (err) {
      log(`Multus: GetPod failed: ${messageOf(err)}, but continue to delete`);
    }
  }
  const scratch = await loadScratch(config.cniDir, req.containerId);
  let delegates: Delegate[];
  let source: DelOutcome['source'];
  if (scratch.state === 'ok') {
    delegates = scratch.delegates;
    source = 'scratch';
  } else if (scratch.state === 'missing' && pod) {
    source = 'api';
    try {
      delegates = (await resolveDelegates({ config, api: deps.api, pod })).delegates;
    } catch (err) {
      // Upstream: clusterNetwork errors fail DEL; annotation errors still delete the cluster network.
      const msg = messageOf(err);
      if (/^failed to get clusterNetwork/.test(msg)) throw cmdErr(key, msg, err);
      if (config.clusterNetwork === undefined && config.delegates.length === 0) throw cmdErr(key, `failed to get delegates: ${msg}`, err);
      warnings.push(`failed to get delegates: ${msg}, but continue to delete clusterNetwork`);
      const onlyCluster = await resolveDelegates({ config, api: deps.api, pod: undefined }).catch(() => undefined);
      delegates = onlyCluster?.delegates ?? [];
    }
  } else {
    if (scratch.state === 'corrupt') warnings.push(`Multus: failed to load netconf: ${scratch.why}`);
    else warnings.push(`Multus: failed to get the cached delegates file: no scratch file for ${req.containerId}, cannot properly delete`);
    return { source: 'none', attachments: [], warnings };
  }
  // A conflist without cniVersion takes the multus config's (upstream InjectCNIVersionInConfList).
  for (const d of delegates) {
    if (d.isConfList && !d.config.cniVersion && config.cniVersion) d.config = { ...d.config, cniVersion: config.cniVersion };
  }
  const attachments = delegates.map((d, i) => attachmentOf(d, interfaceName(d, req.ifName, i)));
  const errors = await delPlugins(req, k8s, delegates, delegates.length - 1, deps);
  if (source === 'scratch' && !deps.dryRun && (!config.retryDeleteOnError || errors.length === 0)) await removeScratch(config.cniDir, req.containerId);
  if (errors.length > 0) {
    throw new MultusError(`errors: ${errors.map((e) => e.message).join(' / ')}`, { kind: 'plugin', code: CniCode.multus });
  }
  return { source, attachments, warnings };
}

/**
 * CHECK. `mode: 'upstream'` iterates only inline `delegates` (a no-op with clusterNetwork) and stops
 * at the first error; `mode: 'all'` (multusctl check) checks every attachment from the scratch file
 * and reports each.
 */
export async function multusCheck(req: MultusRequest, deps: MultusDeps, mode: 'upstream' | 'all' = 'upstream'): Promise<CheckOutcome> {
  const { config } = req;
  const k8s = parseK8sArgs(req.cniArgs);
  let delegates: Delegate[];
  if (mode === 'upstream') {
    if (config.clusterNetwork !== undefined) return { checks: [] };
    delegates = (await resolveDelegates({ config })).delegates;
  } else {
    const scratch = await loadScratch(config.cniDir, req.containerId);
    if (scratch.state !== 'ok') {
      throw new MultusError(cmdErrMessage(podKeyOf(k8s), `no scratch file for container ${req.containerId} in ${config.cniDir}: was ADD run?`), { kind: 'not-found' });
    }
    delegates = scratch.delegates;
  }
  const checks: CheckOutcome['checks'] = [];
  for (let i = 0; i < delegates.length; i += 1) {
    const d = delegates[i]!;
    const info = attachmentOf(d, interfaceName(d, req.ifName, i));
    try {
      await deps.runner.check(d, runtimeFor(req, k8s, d, info.ifName, false), deps.signal);
      checks.push({ ...info, ok: true });
    } catch (err) {
      const what = d.isConfList
        ? `DelegateCheck: error invoking ConflistCheck - "${networkName(d)}": conflistCheck: error in getting result from CheckNetworkList: `
        : `DelegateCheck: error invoking DelegateCheck - "${pluginType(d)}": error in getting result from CheckNetwork: `;
      if (mode === 'upstream') throw new MultusError(what + messageOf(err), { kind: 'plugin', code: (err as { code?: number }).code ?? CniCode.multus, cause: err });
      checks.push({ ...info, ok: false, error: what + messageOf(err) });
    }
  }
  return { checks };
}

/**
 * CNI STATUS through multus (upstream CmdStatus): once the readiness file is there, only the
 * cluster network (the first delegate) is asked; its own error comes back with its code.
 */
export async function multusStatus(config: MultusConfig, deps: MultusDeps): Promise<void> {
  await awaitReadiness(config, deps, undefined);
  const { delegates } = await resolveDelegates({ config, api: deps.api });
  await deps.runner.status?.(delegates[0]!, deps.signal);
}

/**
 * CNI GC through multus (upstream CmdGC): once the readiness file is there, libcni's GC on the
 * cluster network only, told that every attachment in multus's own result cache is valid. Like
 * upstream, the runtime's list of valid attachments is not used, and a cniDir without a result
 * cache is an error.
 */
export async function multusGc(config: MultusConfig, deps: MultusDeps): Promise<void> {
  await awaitReadiness(config, deps, undefined);
  const { delegates } = await resolveDelegates({ config, api: deps.api });
  let valid: GcAttachment[];
  try {
    valid = cachedAttachments(config.cniDir);
  } catch (err) {
    throw new MultusError(`error in gather valid attachments: ${messageOf(err)}`, { kind: 'config', cause: err });
  }
  try {
    await deps.runner.gc?.(delegates[0]!, valid, deps.signal);
  } catch (err) {
    throw new MultusError(`error in GC command: ${messageOf(err)}`, { kind: 'plugin', cause: err });
  }
}

/** Every attachment multus's result cache holds (upstream gatherValidAttachmentsFromCache). */
function cachedAttachments(cniDir: string): GcAttachment[] {
  const dir = join(cniDir, 'results');
  // Upstream reads the directory itself, so its absence is an error there too (in Go's words).
  if (!fileExists(dir)) throw new Error(`open ${dir}: no such file or directory`);
  return listCacheEntries(cniDir)
    .filter((e) => e.containerId !== '')
    .map((e) => ({ containerID: e.containerId, ifname: e.ifName }));
}
