/**
 * The scratch file `<cniDir>/<containerID>`: the delegate list written before any plugin runs, so
 * DEL works when the API server (or the pod) is gone. The format is upstream's (a JSON list of
 * DelegateNetConf with the config base64 in `Bytes`), so multus and multusctl can read each
 * other's files; multusctl's extra fields sit under `multusctl`, which multus ignores.
 */
// Synchronous on purpose: small local files in a one-shot process (a CLI run, a CNI plugin call);
// a thread-pool hop per call costs more than the I/O, and the first one starts libuv's thread pool.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Delegate, JsonObject } from './delegate.js';

export function scratchPath(cniDir: string, containerId: string): string {
  return join(cniDir, containerId);
}

function toUpstream(d: Delegate): JsonObject {
  const out: JsonObject = {
    Conf: d.isConfList ? {} : d.config,
    ConfList: d.isConfList ? d.config : {},
    Name: d.name,
  };
  if (d.ifnameRequest) out.ifnameRequest = d.ifnameRequest;
  if (d.macRequest) out.macRequest = d.macRequest;
  if (d.infinibandGuidRequest) out.infinibandGUIDRequest = d.infinibandGuidRequest;
  if (d.ipRequest) out.ipRequest = d.ipRequest;
  if (d.gatewayRequest) out['default-route'] = d.gatewayRequest;
  out.IsFilterV4Gateway = Boolean(d.filterV4Gateway);
  out.IsFilterV6Gateway = Boolean(d.filterV6Gateway);
  if (d.deviceID) out.deviceID = d.deviceID;
  if (d.resourceName) out.resourceName = d.resourceName;
  out.Bytes = Buffer.from(JSON.stringify(d.config)).toString('base64');
  out.multusctl = { origin: d.origin, portMappings: d.portMappingsRequest, bandwidth: d.bandwidthRequest };
  return out;
}

function fromUpstream(raw: JsonObject, index: number): Delegate {
  const config = JSON.parse(Buffer.from(String(raw.Bytes ?? ''), 'base64').toString('utf8')) as unknown;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error(`delegate ${index}: Bytes is not a config object`);
  const confList = (raw.ConfList ?? {}) as JsonObject;
  const extra = (raw.multusctl ?? {}) as JsonObject;
  const d: Delegate = {
    name: typeof raw.Name === 'string' ? raw.Name : '',
    config: config as JsonObject,
    isConfList: Array.isArray(confList.plugins) && confList.plugins.length > 0,
    // Upstream: the first cached delegate is always the master.
    master: index === 0,
    origin: typeof extra.origin === 'string' ? extra.origin : 'scratch file',
  };
  if (typeof raw.ifnameRequest === 'string' && raw.ifnameRequest) d.ifnameRequest = raw.ifnameRequest;
  if (typeof raw.macRequest === 'string' && raw.macRequest) d.macRequest = raw.macRequest;
  if (typeof raw.infinibandGUIDRequest === 'string' && raw.infinibandGUIDRequest) d.infinibandGuidRequest = raw.infinibandGUIDRequest;
  if (Array.isArray(raw.ipRequest)) d.ipRequest = raw.ipRequest as string[];
  if (Array.isArray(raw['default-route'])) d.gatewayRequest = raw['default-route'] as string[];
  d.filterV4Gateway = raw.IsFilterV4Gateway === true;
  d.filterV6Gateway = raw.IsFilterV6Gateway === true;
  if (typeof raw.deviceID === 'string' && raw.deviceID) d.deviceID = raw.deviceID;
  if (typeof raw.resourceName === 'string' && raw.resourceName) d.resourceName = raw.resourceName;
  if (Array.isArray(extra.portMappings)) d.portMappingsRequest = extra.portMappings as Delegate['portMappingsRequest'];
  if (extra.bandwidth && typeof extra.bandwidth === 'object') d.bandwidthRequest = extra.bandwidth as Delegate['bandwidthRequest'];
  return d;
}

/** Writes the delegate list (file 0600, directory 0700), atomically so a crash never leaves half a file. */
export async function saveScratch(cniDir: string, containerId: string, delegates: readonly Delegate[]): Promise<string> {
  mkdirSync(cniDir, { recursive: true, mode: 0o700 });
  const path = scratchPath(cniDir, containerId);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(delegates.map(toUpstream)), { mode: 0o600 });
  renameSync(tmp, path);
  return path;
}

export type ScratchRead = { state: 'ok'; delegates: Delegate[] } | { state: 'missing' } | { state: 'corrupt'; why: string };

export async function loadScratch(cniDir: string, containerId: string): Promise<ScratchRead> {
  let text: string;
  try {
    text = readFileSync(scratchPath(cniDir, containerId), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'corrupt', why: (err as Error).message };
  }
  try {
    const raw = JSON.parse(text) as unknown;
    if (!Array.isArray(raw) || raw.length === 0) return { state: 'corrupt', why: 'not a non-empty JSON list' };
    return { state: 'ok', delegates: raw.map((r, i) => fromUpstream(r as JsonObject, i)) };
  } catch (err) {
    return { state: 'corrupt', why: (err as Error).message };
  }
}

export async function removeScratch(cniDir: string, containerId: string): Promise<void> {
  rmSync(scratchPath(cniDir, containerId), { force: true });
}
