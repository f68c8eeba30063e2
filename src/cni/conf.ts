/**
 * Network configs as libcni sees them: a single plugin config (`.conf`) or a list (`.conflist`),
 * both handled as a list so ADD/DEL/CHECK have one code path (libcni's ConfListFromConf).
 */
import { CniCode, CniError } from './errors.js';

export type JsonObject = Record<string, unknown>;

export interface NetworkConfigList {
  name: string;
  cniVersion: string;
  /** `disableCheck: true` in the list makes CHECK a no-op. */
  disableCheck: boolean;
  /** `disableGC: true` in the list makes GC a no-op. */
  disableGC: boolean;
  /** Each plugin's config object as written (without the list's name/cniVersion). */
  plugins: JsonObject[];
  /** The config as given (a conf or a conflist); it goes base64 into the result cache. */
  source: JsonObject;
  /** True when `source` was a single plugin config, not a `plugins` list. */
  single: boolean;
}

/** Compares dotted CNI versions; '' counts as 0.1.0 (the CNI spec's default). */
export function versionAtLeast(version: string, min: string): boolean {
  const a = (version || '0.1.0').split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): CniError {
  return new CniError(CniCode.invalidNetworkConfig, message);
}

/** A parsed conf or conflist object to a NetworkConfigList; checks what libcni checks. */
export function networkConfigList(config: JsonObject): NetworkConfigList {
  const name = typeof config.name === 'string' ? config.name : '';
  const cniVersion = typeof config.cniVersion === 'string' ? config.cniVersion : '';
  if (!('plugins' in config)) {
    if (typeof config.type !== 'string' || config.type === '') throw invalid(`error parsing configuration: missing 'type'`);
    return { name, cniVersion, disableCheck: false, disableGC: false, plugins: [config], source: config, single: true };
  }
  if (!Array.isArray(config.plugins)) throw invalid(`error parsing configuration list: invalid 'plugins' type ${typeof config.plugins}`);
  if (config.plugins.length === 0) throw invalid(`error parsing configuration list: no plugins in list`);
  const plugins = config.plugins.map((p, i) => {
    if (!isJsonObject(p)) throw invalid(`failed to parse plugin config ${i}: not a JSON object`);
    if (typeof p.type !== 'string' || p.type === '') throw invalid(`failed to parse plugin config ${i}: missing 'type'`);
    return p;
  });
  return { name, cniVersion, disableCheck: config.disableCheck === true, disableGC: config.disableGC === true, plugins, source: config, single: false };
}

/** Parses conf/conflist JSON text (file contents, a NAD's spec.config). */
export function parseNetworkConfig(text: string): NetworkConfigList {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CniError(CniCode.decodeFailure, `error parsing configuration: ${(err as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw new CniError(CniCode.decodeFailure, 'error parsing configuration: not a JSON object');
  return networkConfigList(parsed);
}
