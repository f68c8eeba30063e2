/**
 * CNI config files multus reads directly: confDir lookups by network name (the NAD client's
 * GetCNIConfigFromFile) and clusterNetwork given as a file or directory path.
 */
// Synchronous on purpose: small local files in a one-shot process (a CLI run, a CNI plugin call);
// a thread-pool hop per call costs more than the I/O, and the first one starts libuv's thread pool.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { JsonObject } from './delegate.js';
import { CniCode, MultusError, messageOf } from './errors.js';

const CONF_EXTENSIONS = ['.conf', '.json', '.conflist'];

function notFound(message: string): MultusError {
  return new MultusError(message, { kind: 'not-found', code: CniCode.invalidNetworkConfig });
}

/** Config files of a directory with the given extensions, in lexical order (libcni ConfFiles). */
export async function confFiles(dir: string, extensions = CONF_EXTENSIONS): Promise<string[]> {
  const entries = readdirSync(dir, { withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory() && extensions.includes(extname(e.name)))
    .map((e) => join(dir, e.name))
    .sort();
}

async function readJsonObject(path: string, what: string): Promise<JsonObject> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new MultusError(`error reading ${path}: ${messageOf(err)}`, { kind: 'not-found', code: CniCode.ioFailure });
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as JsonObject;
  } catch (err) {
    throw new MultusError(`Error loading CNI ${what} file ${path}: error parsing configuration: ${messageOf(err)}`, { kind: 'config', code: CniCode.decodeFailure });
  }
}

/**
 * The first config in `dir` whose network name is `name` (any config when name is ''), like the
 * NAD client's GetCNIConfigFromFile; errors use its wording.
 */
export async function configFromConfDir(name: string, dir: string): Promise<{ config: JsonObject; path: string }> {
  let files: string[];
  try {
    files = await confFiles(dir);
  } catch {
    throw notFound(`No networks found in ${dir}`);
  }
  if (files.length === 0) throw notFound(`No networks found in ${dir}`);
  for (const path of files) {
    const isList = path.endsWith('.conflist');
    const config = await readJsonObject(path, isList ? 'conflist' : 'config');
    if (config.name === name || name === '') {
      if (!isList && (typeof config.type !== 'string' || config.type === '')) {
        throw new MultusError(`Error loading CNI config file ${path}: no 'type'; perhaps this is a .conflist?`, { kind: 'config', code: CniCode.invalidNetworkConfig });
      }
      return { config, path };
    }
  }
  throw notFound(`no network available in the name ${name} in cni dir ${dir}`);
}

/**
 * clusterNetwork/defaultNetworks given as a path: a file is loaded; a directory gives its first
 * .conf/.conflist (upstream getNetDelegate options 3 and 4).
 */
export async function configFromPath(path: string): Promise<{ config: JsonObject; path: string }> {
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    throw notFound(`stat ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : messageOf(err)}`);
  }
  if (info.isDirectory()) {
    const files = await confFiles(path, ['.conf', '.conflist']);
    if (files.length === 0) throw notFound(`getNetDelegate: cannot find network: ${path}`);
    return configFromConfDir('', path);
  }
  const isList = path.endsWith('.conflist');
  const config = await readJsonObject(path, isList ? 'conflist' : 'config');
  if (!isList && (typeof config.type !== 'string' || config.type === '')) {
    throw new MultusError(`error loading CNI config file ${path}: no 'type'; perhaps this is supposed to be a .conflist?`, { kind: 'config', code: CniCode.invalidNetworkConfig });
  }
  return { config, path };
}

/** Reads and parses a NAD's spec.config, naming it after the NAD when its name is missing or empty. */
export function configFromNadSpec(configText: string, nadName: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(configText);
  } catch (err) {
    throw new MultusError(`GetCNIConfig: err in getCNIConfigFromSpec: failed to unmarshal Spec.Config: ${messageOf(err)}`, { kind: 'config', code: CniCode.decodeFailure });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new MultusError('GetCNIConfig: err in getCNIConfigFromSpec: failed to unmarshal Spec.Config: not a JSON object', { kind: 'config', code: CniCode.decodeFailure });
  }
  const config = parsed as JsonObject;
  if (config.name === undefined || config.name === '') return { ...config, name: nadName };
  return config;
}
