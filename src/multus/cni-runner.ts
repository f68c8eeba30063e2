/**
 * The engine's DelegateRunner bound to src/cni's libcni: a Delegate becomes a network config
 * list, a DelegateRuntime a RuntimeConf; all the CNI work happens in src/cni.
 */
import { addNetworkList, cachePath, checkNetworkList, delNetworkList, gcNetworkList, statusNetworkList, type CniConfig, type RuntimeConf, type TracedCall } from '../cni/libcni.js';
import type { PluginExec } from '../cni/exec.js';
import { networkConfigList, type NetworkConfigList } from '../cni/conf.js';
import { convertResult, toCurrent } from '../cni/results.js';
import type { Delegate } from './delegate.js';
import type { DelegateRunner, DelegateRuntime } from './runner.js';

export type { TracedCall };

export interface CniRunnerOptions {
  exec: PluginExec;
  /** binDir first, then each CNI_PATH entry. */
  binDirs: string[];
  /** libcni cache dir; multus uses its cniDir (results under <cacheDir>/results). */
  cacheDir: string;
  timeoutMs: number;
  onCall?: (call: TracedCall) => void;
  /** Dry-run: never write or delete result cache entries. */
  readOnly?: boolean;
}

function listOf(d: Delegate): NetworkConfigList {
  return networkConfigList(d.config);
}

function runtimeConf(rt: DelegateRuntime): RuntimeConf {
  return { containerId: rt.containerId, netns: rt.netns, ifName: rt.ifName, args: rt.args, capabilityArgs: rt.capabilityArgs };
}

export function cniDelegateRunner(options: CniRunnerOptions): DelegateRunner {
  const cfg: CniConfig = { exec: options.exec, path: options.binDirs, cacheDir: options.cacheDir, timeoutMs: options.timeoutMs, onCall: options.onCall, readOnly: options.readOnly };
  return {
    async add(d, rt, signal) {
      const raw = await addNetworkList(cfg, listOf(d), runtimeConf(rt), signal);
      return { raw, current: toCurrent(raw) };
    },
    del: (d, rt, signal) => delNetworkList(cfg, listOf(d), runtimeConf(rt), signal),
    check: (d, rt, signal) => checkNetworkList(cfg, listOf(d), runtimeConf(rt), signal),
    status: (d, signal) => statusNetworkList(cfg, listOf(d), signal),
    gc: (d, valid, signal) => gcNetworkList(cfg, listOf(d), valid, signal),
    convert: (result, toVersion) => convertResult(result, toVersion),
    cachePath: (d, rt) => cachePath(cfg, { name: String(d.config.name ?? '') }, rt),
  };
}
