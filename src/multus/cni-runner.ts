/**
 * DelegateRunner over a PluginExec with libcni's semantics (AddNetworkList / DelNetworkList /
 * CheckNetworkList, the result cache, capability filtering, prevResult). Kept small and local to
 * the multus engine; see the report about src/cni.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginExec, PluginOutput } from '../cni/exec.js';
import { formatArgPairs } from './cni-args.js';
import { networkName, type Delegate, type JsonObject } from './delegate.js';
import { MultusError, CniCode } from './errors.js';
import { convertResult, toCurrent } from './results.js';
import type { DelegateRunner, DelegateRuntime } from './runner.js';

/** One plugin call, reported to `onCall` (for --trace and --dry-run). */
export interface TracedCall {
  command: 'ADD' | 'DEL' | 'CHECK';
  network: string;
  type: string;
  pluginPath: string;
  env: Record<string, string>;
  stdin: string;
  output?: PluginOutput;
  error?: string;
}

export interface CniRunnerOptions {
  exec: PluginExec;
  /** binDir first, then each CNI_PATH entry. */
  binDirs: string[];
  /** libcni cache dir; multus uses its cniDir (results under <cacheDir>/results). */
  cacheDir: string;
  timeoutMs: number;
  onCall?: (call: TracedCall) => void;
}

/** A CNI error as plugins print it; `message` is libcni's rendering (msg; details). */
export class PluginError extends Error {
  readonly code: number;
  readonly details?: string;
  constructor(code: number, msg: string, details?: string) {
    super(details ? `${msg}; ${details}` : msg);
    this.name = 'PluginError';
    this.code = code;
    this.details = details;
  }
}

function pluginsOf(d: Delegate): JsonObject[] {
  return d.isConfList ? (d.config.plugins as JsonObject[]) : [d.config];
}

function describe(plugin: JsonObject): string {
  const name = typeof plugin.name === 'string' && plugin.name ? ` name="${plugin.name}"` : '';
  return `type="${String(plugin.type)}"${name}`;
}

/** libcni buildOneConfig: the plugin's own keys plus name/cniVersion of the list, declared capabilities, prevResult. */
function pluginStdin(d: Delegate, plugin: JsonObject, capabilityArgs: JsonObject, prevResult?: JsonObject): JsonObject {
  const conf: JsonObject = { ...plugin };
  if (d.isConfList) {
    conf.name = d.config.name;
    conf.cniVersion = d.config.cniVersion;
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
function pluginFailure(out: PluginOutput, timeoutMs: number): PluginError {
  if (out.timedOut) return new PluginError(CniCode.tryAgainLater, `netplugin failed: timed out after ${timeoutMs} ms`);
  if (out.stdout.trim() === '') {
    if (out.stderr.trim() === '') return new PluginError(CniCode.multus, `netplugin failed with no error message: exit status ${out.exitCode ?? 'killed'}`);
    return new PluginError(CniCode.multus, `netplugin failed: ${JSON.stringify(out.stderr)}`);
  }
  try {
    const e = JSON.parse(out.stdout) as { code?: number; msg?: string; details?: string };
    return new PluginError(e.code ?? CniCode.multus, e.msg ?? '', e.details);
  } catch (err) {
    return new PluginError(CniCode.multus, `netplugin failed but error parsing its diagnostic message ${JSON.stringify(out.stdout)}: ${(err as Error).message}`);
  }
}

export function cniDelegateRunner(options: CniRunnerOptions): DelegateRunner {
  const { exec, binDirs, cacheDir, timeoutMs } = options;
  const cacheFile = (d: Delegate, rt: Pick<DelegateRuntime, 'containerId' | 'ifName'>): string =>
    join(cacheDir, 'results', `${networkName(d)}-${rt.containerId}-${rt.ifName}`);

  async function invoke(command: 'ADD' | 'DEL' | 'CHECK', d: Delegate, plugin: JsonObject, rt: DelegateRuntime, prev: JsonObject | undefined, signal?: AbortSignal): Promise<JsonObject | undefined> {
    const type = String(plugin.type ?? '');
    const traced: TracedCall = { command, network: networkName(d), type, pluginPath: '', env: {}, stdin: '' };
    try {
      const pluginPath = await exec.findInPath(type, binDirs);
      const stdinObj = pluginStdin(d, plugin, rt.capabilityArgs, prev);
      const env: Record<string, string> = {
        CNI_COMMAND: command,
        CNI_CONTAINERID: rt.containerId,
        CNI_NETNS: rt.netns,
        CNI_IFNAME: rt.ifName,
        CNI_ARGS: formatArgPairs(rt.args),
        CNI_PATH: binDirs.join(':'),
      };
      Object.assign(traced, { pluginPath, env, stdin: JSON.stringify(stdinObj) });
      const out = await exec.exec({ pluginPath, env, stdin: traced.stdin, timeoutMs, signal });
      traced.output = out;
      if (out.exitCode !== 0) throw pluginFailure(out, timeoutMs);
      if (command !== 'ADD') return undefined;
      try {
        const parsed = JSON.parse(out.stdout) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('result is not a JSON object');
        return parsed as JsonObject;
      } catch (err) {
        throw new PluginError(CniCode.decodeFailure, `decoding result of plugin ${type}: ${(err as Error).message}`);
      }
    } catch (err) {
      traced.error = (err as Error).message;
      throw err;
    } finally {
      options.onCall?.(traced);
    }
  }

  async function readCache(d: Delegate, rt: DelegateRuntime): Promise<JsonObject | undefined> {
    try {
      const cache = JSON.parse(await readFile(cacheFile(d, rt), 'utf8')) as JsonObject;
      return (cache.result ?? undefined) as JsonObject | undefined;
    } catch {
      return undefined;
    }
  }

  const listVersion = (d: Delegate): string => String(d.config.cniVersion ?? '');
  const supportsPrev = (v: string): boolean => /^(0\.4\.0|1\.\d+\.\d+)$/.test(v);
  const prefixed = (d: Delegate, plugin: JsonObject, verb: string, err: unknown): Error => {
    if (!d.isConfList) return err as Error;
    const e = err as PluginError;
    const wrapped = new PluginError(e.code ?? CniCode.multus, `plugin ${describe(plugin)} failed (${verb}): ${e.message}`);
    return wrapped;
  };

  return {
    async add(d, rt, signal) {
      let prev: JsonObject | undefined;
      for (const plugin of pluginsOf(d)) {
        try {
          prev = await invoke('ADD', d, plugin, rt, prev, signal);
        } catch (err) {
          throw prefixed(d, plugin, 'add', err);
        }
      }
      const raw = prev ?? { cniVersion: listVersion(d) };
      await mkdir(join(cacheDir, 'results'), { recursive: true, mode: 0o700 });
      const cache = {
        kind: 'cniCacheV1',
        containerId: rt.containerId,
        config: Buffer.from(JSON.stringify(d.config)).toString('base64'),
        ifName: rt.ifName,
        networkName: networkName(d),
        netns: rt.netns,
        cniArgs: rt.args,
        capabilityArgs: rt.capabilityArgs,
        result: raw,
      };
      await writeFile(cacheFile(d, rt), JSON.stringify(cache), { mode: 0o600 });
      return { raw, current: toCurrent(raw) };
    },
    async del(d, rt, signal) {
      const version = listVersion(d);
      const cached = await readCache(d, rt);
      const prev = cached && supportsPrev(version) ? convertResult(cached, version) : undefined;
      for (const plugin of [...pluginsOf(d)].reverse()) {
        try {
          await invoke('DEL', d, plugin, rt, prev, signal);
        } catch (err) {
          throw prefixed(d, plugin, 'delete', err);
        }
      }
      await rm(cacheFile(d, rt), { force: true });
    },
    async check(d, rt, signal) {
      const version = listVersion(d);
      if (!supportsPrev(version)) throw new MultusError(`configuration version "${version}" does not support the CHECK command`, { kind: 'plugin', code: CniCode.incompatibleVersion });
      const cached = await readCache(d, rt);
      if (!cached) throw new MultusError(`failed to find cached result for ${networkName(d)} on ${rt.ifName}`, { kind: 'plugin' });
      const prev = convertResult(cached, version);
      for (const plugin of pluginsOf(d)) await invoke('CHECK', d, plugin, rt, prev, signal);
    },
    convert: (result, toVersion) => convertResult(result, toVersion),
    cachePath: cacheFile,
  };
}
