/**
 * Turning `multusctl add|del|check` flags into a MultusRequest: the multus config from --conf (a
 * file, or a CNI conf dir whose first config in lexical order is used, as the runtime does), the
 * path overrides, and the pod's CNI_ARGS.
 */
// Synchronous on purpose: small local files in a one-shot process (a CLI run, a CNI plugin call);
// a thread-pool hop per call costs more than the I/O, and the first one starts libuv's thread pool.
import { readFileSync, statSync } from 'node:fs';
import { CniPaths, DEFAULT_NAMESPACE } from '../constants.js';
import { formatRuntimeCniArgs } from './cni-args.js';
import { multusConfigFromObject, type MultusConfig } from './config.js';
import { confFiles } from './confdir.js';
import { CniCode, MultusError, messageOf } from './errors.js';
import type { MultusRequest } from './engine.js';

export interface InvocationFlags {
  /** `ns/name` or `name` (namespace then from `namespace`). */
  pod: string;
  namespace?: string;
  containerId: string;
  netns: string;
  ifName: string;
  /** A multus config file or a CNI conf dir (default /etc/cni/net.d). */
  conf?: string;
  binDir?: string;
  cniDir?: string;
}

export interface LoadedConf {
  config: MultusConfig;
  /** The file the config came from. */
  path: string;
  /** Set when the file was not a multus config and was wrapped as its only delegate. */
  wrapped: boolean;
}

const MULTUS_TYPES = ['multus', 'multus-shim'];

export function splitPodRef(ref: string, namespace?: string): { namespace: string; name: string } {
  const parts = ref.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  if (parts.length === 1 && parts[0]) return { namespace: namespace ?? DEFAULT_NAMESPACE, name: parts[0] };
  throw new MultusError(`invalid pod "${ref}": use NAMESPACE/NAME or NAME with -n`, { kind: 'config' });
}

/**
 * Loads the multus config. A directory gives its first .conf/.conflist/.json (the runtime's
 * choice); a config that is not multus is wrapped as `delegates: [it]` so it runs the same way.
 */
export async function loadMultusConf(pathOrDir: string = CniPaths.confDir): Promise<LoadedConf> {
  let path: string = pathOrDir;
  try {
    if (statSync(pathOrDir).isDirectory()) {
      const files = await confFiles(pathOrDir);
      if (files.length === 0) throw new MultusError(`no CNI config in ${pathOrDir}`, { kind: 'not-found', code: CniCode.invalidNetworkConfig });
      path = files[0]!;
    }
  } catch (err) {
    if (err instanceof MultusError) throw err;
    throw new MultusError(`cannot read ${pathOrDir}: ${messageOf(err)}`, { kind: 'not-found', code: CniCode.ioFailure });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MultusError(`LoadNetConf: failed to load netconf: ${path}: ${messageOf(err)}`, { kind: 'config', code: CniCode.decodeFailure });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MultusError(`LoadNetConf: failed to load netconf: ${path} is not a JSON object`, { kind: 'config', code: CniCode.decodeFailure });
  }
  const obj = raw as Record<string, unknown>;
  if (MULTUS_TYPES.includes(String(obj.type))) return { config: multusConfigFromObject(obj), path, wrapped: false };
  const wrapped = multusConfigFromObject({ cniVersion: obj.cniVersion, name: 'multus-cni-network', type: 'multus', delegates: [obj] });
  return { config: wrapped, path, wrapped: true };
}

/** The request the runtime would send for these flags. */
export function requestFromFlags(flags: InvocationFlags, loaded: LoadedConf, podUid = ''): MultusRequest {
  const pod = splitPodRef(flags.pod, flags.namespace);
  const config: MultusConfig = { ...loaded.config };
  if (flags.binDir) config.binDir = flags.binDir;
  if (flags.cniDir) config.cniDir = flags.cniDir;
  return {
    config,
    containerId: flags.containerId,
    netns: flags.netns,
    ifName: flags.ifName,
    cniArgs: formatRuntimeCniArgs({ namespace: pod.namespace, name: pod.name, infraContainerId: flags.containerId, uid: podUid }),
  };
}
