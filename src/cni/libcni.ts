/**
 * libcni in TypeScript: run a network config list for ADD, DEL, CHECK, STATUS and GC over a
 * PluginExec, with the result cache, capability filtering (`runtimeConfig` only for declared
 * capabilities) and `prevResult` chaining. Everything that starts a process goes through the PluginExec port, so
 * the same calls run locally, inside a node's namespace, or as a dry-run plan.
 */
import { PLANNED_RESULT_KEY, type CniCommand, type PluginExec, type PluginOutput } from './exec.js';
import { deleteCacheEntry, listCacheEntries, readCachedResult, writeCacheEntry, cacheFilePath } from './cache.js';
import { isJsonObject, versionAtLeast, type JsonObject, type NetworkConfigList } from './conf.js';
import { CniCode, CniError, PluginError, wrapCniError } from './errors.js';
import { convertResult, normalizeResult, withResultVersion } from './results.js';

/** One plugin call, reported to `onCall` (for --trace and --dry-run). */
export interface TracedCall {
  command: CniCommand;
  network: string;
  type: string;
  pluginPath: string;
  env: Record<string, string>;
  stdin: string;
  output?: PluginOutput;
  error?: string;
}

/** libcni's CNIConfig: where plugins are and how to run them. */
export interface CniConfig {
  exec: PluginExec;
  /** Plugin search path, in order (multus: binDir, then each CNI_PATH entry). */
  path: readonly string[];
  /** Cache directory; results go under `<cacheDir>/results`. */
  cacheDir: string;
  timeoutMs: number;
  onCall?: (call: TracedCall) => void;
  /** Never write or delete cache entries (dry-run plans); reads still happen. */
  readOnly?: boolean;
}

/** libcni's RuntimeConf: one attachment's identity and arguments. */
export interface RuntimeConf {
  containerId: string;
  netns: string;
  ifName: string;
  /** CNI_ARGS pairs, in order. */
  args: Array<[string, string]>;
  /** Capability args; each plugin gets only those its `capabilities` declare. */
  capabilityArgs: JsonObject;
}

function formatArgs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join(';');
}

function describe(plugin: JsonObject): string {
  const name = typeof plugin.name === 'string' && plugin.name ? ` name="${plugin.name}"` : '';
  return `type="${String(plugin.type)}"${name}`;
}

/** libcni buildOneConfig: the plugin's own keys plus name/cniVersion of the list, declared capabilities, prevResult. */
export function pluginStdin(list: NetworkConfigList, plugin: JsonObject, capabilityArgs: JsonObject, prevResult?: JsonObject): JsonObject {
  const conf: JsonObject = { ...plugin };
  if (!list.single) {
    conf.name = list.name;
    conf.cniVersion = list.cniVersion;
  }
  const caps = (plugin.capabilities ?? {}) as Record<string, unknown>;
  const rc: JsonObject = {};
  for (const [k, v] of Object.entries(capabilityArgs)) if (caps[k] === true) rc[k] = v;
  if (Object.keys(rc).length > 0) conf.runtimeConfig = rc;
  else delete conf.runtimeConfig;
  if (prevResult) conf.prevResult = prevResult;
  else delete conf.prevResult;
  return conf;
}

/** libcni's invoke error rendering for a failed plugin (JSON error on stdout, else stderr). */
function pluginFailure(out: PluginOutput, timeoutMs: number, pluginPath: string): PluginError {
  const extra = { pluginPath, stderr: out.stderr };
  if (out.timedOut) return new PluginError(CniCode.tryAgainLater, `netplugin failed: timed out after ${timeoutMs} ms`, undefined, extra);
  if (out.stdout.trim() === '') {
    if (out.stderr.trim() === '') return new PluginError(CniCode.multus, `netplugin failed with no error message: exit status ${out.exitCode ?? 'killed'}`, undefined, extra);
    return new PluginError(CniCode.multus, `netplugin failed: ${JSON.stringify(out.stderr)}`, undefined, extra);
  }
  try {
    const e = JSON.parse(out.stdout) as { code?: number; msg?: string; details?: string };
    return new PluginError(e.code ?? CniCode.multus, e.msg ?? '', e.details, extra);
  } catch (err) {
    return new PluginError(CniCode.multus, `netplugin failed but error parsing its diagnostic message ${JSON.stringify(out.stdout)}: ${(err as Error).message}`, undefined, extra);
  }
}

async function invoke(cfg: CniConfig, command: CniCommand, list: NetworkConfigList, plugin: JsonObject, rt: RuntimeConf, prev: JsonObject | undefined, signal?: AbortSignal): Promise<JsonObject | undefined> {
  const type = String(plugin.type ?? '');
  const traced: TracedCall = { command, network: list.name, type, pluginPath: '', env: {}, stdin: '' };
  try {
    const pluginPath = await cfg.exec.findInPath(type, cfg.path);
    const stdinObj = pluginStdin(list, plugin, rt.capabilityArgs, prev);
    const env: Record<string, string> = {
      CNI_COMMAND: command,
      CNI_CONTAINERID: rt.containerId,
      CNI_NETNS: rt.netns,
      CNI_IFNAME: rt.ifName,
      CNI_ARGS: formatArgs(rt.args),
      CNI_PATH: cfg.path.join(':'),
    };
    Object.assign(traced, { pluginPath, env, stdin: JSON.stringify(stdinObj) });
    const out = await cfg.exec.exec({ pluginPath, env, stdin: traced.stdin, timeoutMs: cfg.timeoutMs, signal });
    traced.output = out;
    if (out.exitCode !== 0) throw pluginFailure(out, cfg.timeoutMs, pluginPath);
    if (command !== 'ADD') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(out.stdout);
    } catch (err) {
      throw new PluginError(CniCode.decodeFailure, `decoding result of plugin ${type}: ${(err as Error).message}`, undefined, { pluginPath, stderr: out.stderr });
    }
    if (!isJsonObject(parsed)) throw new PluginError(CniCode.decodeFailure, `decoding result of plugin ${type}: result is not a JSON object`, undefined, { pluginPath, stderr: out.stderr });
    if (PLANNED_RESULT_KEY in parsed) return parsed;
    // As libcni: a result without cniVersion is in the config's version; held as its Go struct would be.
    try {
      return normalizeResult(withResultVersion(parsed, typeof stdinObj.cniVersion === 'string' ? stdinObj.cniVersion : ''));
    } catch (err) {
      throw new PluginError((err as CniError).code ?? CniCode.decodeFailure, `decoding result of plugin ${type}: ${(err as Error).message}`, undefined, { pluginPath, stderr: out.stderr });
    }
  } catch (err) {
    traced.error = (err as Error).message;
    throw err;
  } finally {
    cfg.onCall?.(traced);
  }
}

const supportsPrev = (v: string): boolean => /^(0\.4\.0|1\.\d+\.\d+)$/.test(v);

function prefixed(list: NetworkConfigList, plugin: JsonObject, verb: string, err: unknown): unknown {
  return list.single ? err : wrapCniError(`plugin ${describe(plugin)} failed (${verb}): `, err);
}

function cacheKey(list: NetworkConfigList, rt: RuntimeConf): { networkName: string; containerId: string; ifName: string } {
  return { networkName: list.name, containerId: rt.containerId, ifName: rt.ifName };
}

/** Path of the cache file of this attachment. */
export function cachePath(cfg: Pick<CniConfig, 'cacheDir'>, list: Pick<NetworkConfigList, 'name'>, rt: Pick<RuntimeConf, 'containerId' | 'ifName'>): string {
  return cacheFilePath(cfg.cacheDir, { networkName: list.name, containerId: rt.containerId, ifName: rt.ifName });
}

/** ADD: each plugin in order, each given the previous one's result; caches and returns the last result. */
export async function addNetworkList(cfg: CniConfig, list: NetworkConfigList, rt: RuntimeConf, signal?: AbortSignal): Promise<JsonObject> {
  let prev: JsonObject | undefined;
  for (const plugin of list.plugins) {
    try {
      prev = await invoke(cfg, 'ADD', list, plugin, rt, prev, signal);
    } catch (err) {
      throw prefixed(list, plugin, 'add', err);
    }
  }
  const result = prev ?? { cniVersion: list.cniVersion };
  if (!cfg.readOnly) await writeCacheEntry(cfg.cacheDir, { ...cacheKey(list, rt), config: list.source, netns: rt.netns, cniArgs: rt.args, capabilityArgs: rt.capabilityArgs, result });
  return result;
}

/** DEL: plugins in reverse order, each given the cached result; removes the cache entry. */
export async function delNetworkList(cfg: CniConfig, list: NetworkConfigList, rt: RuntimeConf, signal?: AbortSignal): Promise<void> {
  const cached = await readCachedResult(cfg.cacheDir, cacheKey(list, rt));
  const prev = cached && supportsPrev(list.cniVersion) ? convertResult(cached, list.cniVersion) : undefined;
  for (const plugin of [...list.plugins].reverse()) {
    try {
      await invoke(cfg, 'DEL', list, plugin, rt, prev, signal);
    } catch (err) {
      throw prefixed(list, plugin, 'delete', err);
    }
  }
  if (!cfg.readOnly) await deleteCacheEntry(cfg.cacheDir, cacheKey(list, rt));
}

/** CHECK: each plugin in order with the cached result as prevResult; needs cniVersion ≥ 0.4.0. */
export async function checkNetworkList(cfg: CniConfig, list: NetworkConfigList, rt: RuntimeConf, signal?: AbortSignal): Promise<void> {
  if (!supportsPrev(list.cniVersion)) throw new CniError(CniCode.incompatibleVersion, `configuration version "${list.cniVersion}" does not support the CHECK command`);
  const cached = await readCachedResult(cfg.cacheDir, cacheKey(list, rt));
  if (!cached) throw new CniError(CniCode.multus, `failed to find cached result for ${list.name} on ${rt.ifName}`);
  const prev = convertResult(cached, list.cniVersion);
  for (const plugin of list.plugins) await invoke(cfg, 'CHECK', list, plugin, rt, prev, signal);
}

/** The cached result of an attachment, in the version it was stored (undefined when none). */
export async function cachedResult(cfg: Pick<CniConfig, 'cacheDir'>, list: Pick<NetworkConfigList, 'name'>, rt: Pick<RuntimeConf, 'containerId' | 'ifName'>): Promise<JsonObject | undefined> {
  return readCachedResult(cfg.cacheDir, { networkName: list.name, containerId: rt.containerId, ifName: rt.ifName });
}

/** STATUS and GC exist from CNI 1.1.0 on; an older list has nothing to ask. */
const speaksCni11 = (list: NetworkConfigList): boolean => versionAtLeast(list.cniVersion, '1.1.0');

/** The runtime of a call about the network, not one attachment (STATUS, GC): every field empty. */
const NO_ATTACHMENT: RuntimeConf = { containerId: '', netns: '', ifName: '', args: [], capabilityArgs: {} };

/** libcni GetStatusNetworkList: STATUS on each plugin, from CNI 1.1.0 on (older lists: nothing to ask). */
export async function statusNetworkList(cfg: CniConfig, list: NetworkConfigList, signal?: AbortSignal): Promise<void> {
  if (!speaksCni11(list)) return;
  // Like libcni, the first failing plugin's error is returned as it is (its code intact).
  for (const plugin of list.plugins) await invoke(cfg, 'STATUS', { ...list, single: false }, plugin, NO_ATTACHMENT, undefined, signal);
}

/** An attachment a GC must keep (libcni GCAttachment, under its JSON names). */
export interface GcAttachment {
  containerID: string;
  ifname: string;
}

/**
 * libcni GCNetworkList: a DEL for each attachment of this network in the result cache that is not
 * valid, then, from CNI 1.1.0 on, GC on each plugin, told the valid attachments (under the spec's
 * key and the older one libcni still writes beside it). A list with `disableGC` is left alone.
 * Every failure is collected, and one error lists them all.
 */
export async function gcNetworkList(cfg: CniConfig, list: NetworkConfigList, valid: readonly GcAttachment[], signal?: AbortSignal): Promise<void> {
  if (list.disableGC) return;
  const keep = new Set(valid.map((a) => JSON.stringify([a.containerID, a.ifname])));
  const failures: string[] = [];
  for (const entry of listCacheEntries(cfg.cacheDir)) {
    if (entry.networkName !== list.name || keep.has(JSON.stringify([entry.containerId, entry.ifName]))) continue;
    const rt: RuntimeConf = { containerId: entry.containerId, netns: entry.netns ?? '', ifName: entry.ifName, args: entry.cniArgs ?? [], capabilityArgs: entry.capabilityArgs ?? {} };
    try {
      await delNetworkList(cfg, list, rt, signal);
    } catch (err) {
      failures.push(`failed to delete stale attachment ${rt.containerId} ${rt.ifName}: ${(err as Error).message}`);
    }
  }
  if (speaksCni11(list)) {
    for (const plugin of list.plugins) {
      try {
        await invoke(cfg, 'GC', { ...list, single: false }, { ...plugin, 'cni.dev/valid-attachments': [...valid], 'cni.dev/attachments': [...valid] }, NO_ATTACHMENT, undefined, signal);
      } catch (err) {
        failures.push(`failed to GC plugin ${String(plugin.type)}: ${(err as Error).message}`);
      }
    }
  }
  if (failures.length > 0) throw new CniError(CniCode.multus, failures.join('\n'));
}
