/**
 * libcni's result cache: one file per attachment at
 * `<cacheDir>/results/<network>-<containerID>-<ifname>`, JSON of kind `cniCacheV1` (same keys and
 * order as libcni writes, so `cnitool`/runtimes and multusctl can read each other's files).
 */
// Synchronous on purpose: small local files in a one-shot process (a CLI run, a CNI plugin call);
// a thread-pool hop per call costs more than the I/O, and the first one starts libuv's thread pool.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isJsonObject, type JsonObject } from './conf.js';
import { CniCode, CniError } from './errors.js';

export const CACHE_KIND = 'cniCacheV1';

/** Who an attachment is: libcni's cache key plus what it records about the call. */
export interface CacheKey {
  networkName: string;
  containerId: string;
  ifName: string;
}

/** The file's contents (libcni cachedInfo). */
export interface CacheEntry extends CacheKey {
  kind: typeof CACHE_KIND;
  /** The network config (conf or conflist JSON) the attachment was made with, base64. */
  config: string;
  netns?: string;
  cniArgs?: Array<[string, string]>;
  capabilityArgs?: JsonObject;
  result?: JsonObject;
}

export function cacheFilePath(cacheDir: string, key: CacheKey): string {
  return join(cacheDir, 'results', `${key.networkName}-${key.containerId}-${key.ifName}`);
}

/**
 * Every readable entry of the cache, in file-name order (libcni GetCachedAttachments): a file that
 * cannot be read or parsed, of another kind, or without an interface or network name is skipped.
 */
export function listCacheEntries(cacheDir: string): CacheEntry[] {
  const dir = join(cacheDir, 'results');
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries: CacheEntry[] = [];
  for (const name of names) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    if (!isJsonObject(parsed) || parsed.kind !== CACHE_KIND) continue;
    if (typeof parsed.ifName !== 'string' || parsed.ifName === '' || typeof parsed.networkName !== 'string' || parsed.networkName === '') continue;
    entries.push(parsed as unknown as CacheEntry);
  }
  return entries;
}

/** Writes the entry (directory 0700, file 0600, like libcni). */
export async function writeCacheEntry(
  cacheDir: string,
  entry: CacheKey & { config: JsonObject; netns?: string; cniArgs?: Array<[string, string]>; capabilityArgs?: JsonObject; result?: JsonObject },
): Promise<string> {
  const path = cacheFilePath(cacheDir, entry);
  // Same key order and omitempty behaviour as libcni's cachedInfo.
  const file: JsonObject = {
    kind: CACHE_KIND,
    containerId: entry.containerId,
    config: Buffer.from(JSON.stringify(entry.config)).toString('base64'),
    ifName: entry.ifName,
    networkName: entry.networkName,
  };
  if (entry.netns) file.netns = entry.netns;
  if (entry.cniArgs && entry.cniArgs.length > 0) file.cniArgs = entry.cniArgs;
  if (entry.capabilityArgs && Object.keys(entry.capabilityArgs).length > 0) file.capabilityArgs = entry.capabilityArgs;
  if (entry.result) file.result = entry.result;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
  return path;
}

/** The cached entry, or undefined when there is none (a missing file is not an error, as in libcni). */
export async function readCacheEntry(cacheDir: string, key: CacheKey): Promise<CacheEntry | undefined> {
  let text: string;
  try {
    text = readFileSync(cacheFilePath(cacheDir, key), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CniError(CniCode.decodeFailure, `failed to unmarshal cached network "${key.networkName}" config: ${(err as Error).message}`);
  }
  if (!isJsonObject(parsed) || parsed.kind !== CACHE_KIND) {
    throw new CniError(CniCode.decodeFailure, `read cached network "${key.networkName}" config has wrong kind: ${isJsonObject(parsed) ? String(parsed.kind) : typeof parsed}`);
  }
  return parsed as unknown as CacheEntry;
}

/** The cached result of an attachment, as stored (in the version the plugin printed). */
export async function readCachedResult(cacheDir: string, key: CacheKey): Promise<JsonObject | undefined> {
  const entry = await readCacheEntry(cacheDir, key);
  return entry && isJsonObject(entry.result) ? entry.result : undefined;
}

export async function deleteCacheEntry(cacheDir: string, key: CacheKey): Promise<void> {
  rmSync(cacheFilePath(cacheDir, key), { force: true });
}
