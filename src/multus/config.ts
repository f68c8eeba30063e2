/**
 * The multus config (`type: multus`, or `multus-shim` in thick mode): every key of spec/multus.md §2
 * with upstream's defaults (pkg/types/conf.go GetDefaultNetConf / LoadNetConf).
 */
import { CniPaths, MULTUS_NAMESPACE, DEFAULT_NAMESPACE } from '../constants.js';
import { CniCode, MultusError, messageOf } from './errors.js';

/** The capability args multus accepts from the runtime and hands to delegates. */
export interface RuntimeConfig {
  portMappings?: unknown[];
  bandwidth?: unknown;
  ips?: string[];
  mac?: string;
  infinibandGUID?: string;
  deviceID?: string;
  CNIDeviceInfoFile?: string;
}

/** A parsed multus config. `raw` keeps the original object (unknown keys included). */
export interface MultusConfig {
  cniVersion: string;
  name: string;
  type: string;
  kubeconfig?: string;
  confDir: string;
  cniDir: string;
  binDir: string;
  clusterNetwork?: string;
  defaultNetworks: string[];
  /** Legacy inline delegate configs; used only without clusterNetwork. */
  delegates: Record<string, unknown>[];
  systemNamespaces: string[];
  multusNamespace: string;
  namespaceIsolation: boolean;
  /** `globalNamespaces` split on commas. */
  globalNamespaces: string[];
  readinessIndicatorFile?: string;
  retryDeleteOnError: boolean;
  auxiliaryCNIChainName?: string;
  cniConfigDir?: string;
  logFile?: string;
  logLevel?: string;
  logToStderr: boolean;
  logOptions?: unknown;
  capabilities?: Record<string, boolean>;
  runtimeConfig: RuntimeConfig;
  raw: Record<string, unknown>;
}

/** Keys multusctl reads but does not act on: reported so users know. */
export const UNSUPPORTED_KEYS = ['retryDeleteOnError', 'auxiliaryCNIChainName', 'cniConfigDir'] as const;

function str(raw: Record<string, unknown>, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw configError(`"${key}" must be a string`);
  return v;
}

function strList(raw: Record<string, unknown>, key: string, fallback: string[]): string[] {
  const v = raw[key];
  if (v === undefined || v === null) return fallback;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw configError(`"${key}" must be a list of strings`);
  return v as string[];
}

function configError(why: string): MultusError {
  return new MultusError(`LoadNetConf: failed to load netconf: ${why}`, { kind: 'config', code: CniCode.decodeFailure });
}

/** Parses a multus config from its JSON text, applying defaults. Throws MultusError (kind config). */
export function parseMultusConfig(text: string): MultusConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw configError(messageOf(err));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw configError('not a JSON object');
  return multusConfigFromObject(parsed as Record<string, unknown>);
}

export function multusConfigFromObject(raw: Record<string, unknown>): MultusConfig {
  const delegates = raw.delegates ?? [];
  if (!Array.isArray(delegates) || delegates.some((d) => typeof d !== 'object' || d === null || Array.isArray(d))) {
    throw configError('"delegates" must be a list of objects');
  }
  const clusterNetwork = str(raw, 'clusterNetwork');
  if (delegates.length === 0 && clusterNetwork === undefined) {
    throw new MultusError('LoadNetConf: at least one delegate/clusterNetwork must be specified', { kind: 'config', code: CniCode.invalidNetworkConfig });
  }
  const globals = str(raw, 'globalNamespaces');
  const runtimeConfig = raw.runtimeConfig;
  if (runtimeConfig !== undefined && (typeof runtimeConfig !== 'object' || runtimeConfig === null || Array.isArray(runtimeConfig))) {
    throw configError('"runtimeConfig" must be an object');
  }
  return {
    cniVersion: str(raw, 'cniVersion') ?? '',
    name: str(raw, 'name') ?? '',
    type: str(raw, 'type') ?? '',
    kubeconfig: str(raw, 'kubeconfig'),
    confDir: str(raw, 'confDir') ?? CniPaths.multusConfDir,
    cniDir: str(raw, 'cniDir') ?? CniPaths.multusCniDir,
    binDir: str(raw, 'binDir') ?? CniPaths.binDir,
    clusterNetwork,
    defaultNetworks: strList(raw, 'defaultNetworks', []),
    delegates: delegates as Record<string, unknown>[],
    systemNamespaces: strList(raw, 'systemNamespaces', [MULTUS_NAMESPACE]),
    multusNamespace: str(raw, 'multusNamespace') ?? MULTUS_NAMESPACE,
    namespaceIsolation: raw.namespaceIsolation === true,
    globalNamespaces: globals === undefined ? [DEFAULT_NAMESPACE] : globals.split(',').map((s) => s.trim()),
    readinessIndicatorFile: str(raw, 'readinessindicatorfile'),
    retryDeleteOnError: raw.retryDeleteOnError === true,
    auxiliaryCNIChainName: str(raw, 'auxiliaryCNIChainName'),
    cniConfigDir: str(raw, 'cniConfigDir'),
    logFile: str(raw, 'logFile'),
    logLevel: str(raw, 'logLevel'),
    logToStderr: raw.logToStderr === undefined ? true : raw.logToStderr === true,
    logOptions: raw.logOptions,
    capabilities: raw.capabilities as Record<string, boolean> | undefined,
    runtimeConfig: (runtimeConfig ?? {}) as RuntimeConfig,
    raw,
  };
}

/** Keys set in the config that multusctl accepts but ignores (spec §2). */
export function unsupportedKeysIn(config: MultusConfig): string[] {
  return UNSUPPORTED_KEYS.filter((k) => config.raw[k] !== undefined && config.raw[k] !== false && config.raw[k] !== '');
}
