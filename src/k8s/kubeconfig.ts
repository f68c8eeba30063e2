/**
 * Finds and loads the kubeconfig the way kubectl does: --kubeconfig, else KUBECONFIG (a list of
 * files merged, the first to set a value wins), else ~/.kube/config, else the in-cluster service
 * account. Where kubectl would give up, the default lab's kubeconfig (`multusctl lab up` without
 * --dir) is used, so `lab up` followed by any command works on a fresh machine, as kind's and
 * minikube's users expect. Then --context, and the namespace from -n, else the context's, else
 * "default".
 * The result is the kubeconfig's own plain objects (its field names), with every file path made
 * absolute against the file that named it, as kubectl does. No client-node here: loading it costs
 * several times `node -e 0`, and only the credentials kubectl itself runs plugins for need it
 * (client-node.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { loadYamlValue } from '../yaml/values.js';
import { CliError, messageOf } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { DEFAULT_NAMESPACE } from '../constants.js';
import { labDir } from '../lab/target.js';

/** A kubeconfig `cluster` entry (the fields multusctl reads; the rest is kept for client-node). */
export interface KubeCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  [field: string]: unknown;
}

/** A kubeconfig `user` entry. */
export interface KubeUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
  /** Impersonation (kubectl --as / --as-group). */
  as?: string;
  'as-groups'?: string[];
  [field: string]: unknown;
}

export interface KubeContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** One kubeconfig, or several merged: entries by name. */
export interface Kubeconfig {
  clusters: Map<string, KubeCluster>;
  users: Map<string, KubeUser>;
  contexts: Map<string, KubeContext>;
  currentContext: string;
}

export interface KubeconfigOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  env: NodeJS.ProcessEnv;
  /** Where the in-cluster service account files are (tests point it elsewhere). */
  serviceAccountDir?: string;
}

export interface ResolvedKubeconfig {
  config: Kubeconfig;
  contextName: string;
  namespace: string;
  server: string;
  cluster: KubeCluster;
  /** Empty when the context names no user (anonymous, as kubectl). */
  user: KubeUser;
  /** Where it came from, for --debug: a path list, or "in-cluster". */
  source: string;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const IN_CLUSTER_CONTEXT = 'in-cluster';

/** The fields holding file paths, which kubectl resolves against the kubeconfig file's directory. */
const CLUSTER_PATHS = ['certificate-authority'] as const;
const USER_PATHS = ['client-certificate', 'client-key', 'tokenFile'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function absolutePaths<T extends Obj>(entry: T, fields: readonly string[], base: string): T {
  const out: Obj = { ...entry };
  for (const f of fields) if (typeof out[f] === 'string' && out[f] !== '' && !isAbsolute(out[f] as string)) out[f] = join(base, out[f] as string);
  return out as T;
}

/** A list of `{name, <key>: {...}}` entries as a map (later duplicates ignored, as kubectl). */
function entries<T>(list: unknown, key: string, path: string, fix: (v: Obj) => T): Map<string, T> {
  const out = new Map<string, T>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new Error(`${key}s must be a list`);
  list.forEach((item, i) => {
    if (!isObj(item) || typeof item.name !== 'string') throw new Error(`${key}s[${i}] has no name`);
    const value = item[key];
    if (value !== undefined && value !== null && !isObj(value)) throw new Error(`${key}s[${i}].${key} must be a mapping (in ${path})`);
    if (!out.has(item.name)) out.set(item.name, fix(value ?? {}));
  });
  return out;
}

/**
 * Parses one kubeconfig file's text (paths resolved against `base`). Throws a plain Error on bad
 * input. js-yaml reads it; the yaml library (loaded only then) when js-yaml declines or fails, for
 * the same values and its error messages.
 */
export async function parseKubeconfig(text: string, base: string, path = '(text)'): Promise<Kubeconfig> {
  const doc: unknown = text.trim() === '' ? {} : (loadYamlValue(text) ?? { value: (await import('../yaml/library.js')).parse(text) as unknown }).value;
  if (!isObj(doc)) throw new Error('not a mapping');
  return {
    clusters: entries(doc.clusters, 'cluster', path, (c) => absolutePaths(c as KubeCluster, CLUSTER_PATHS, base)),
    users: entries(doc.users, 'user', path, (u) => absolutePaths(u as KubeUser, USER_PATHS, base)),
    contexts: entries(doc.contexts, 'context', path, (c) => c as KubeContext),
    currentContext: typeof doc['current-context'] === 'string' ? doc['current-context'] : '',
  };
}

async function loadFile(path: string): Promise<Kubeconfig> {
  if (!existsSync(path)) throw new CliError(`kubeconfig file ${path} does not exist`, { exit: ExitCode.unreachable, hint: 'pass an existing file to --kubeconfig or fix KUBECONFIG' });
  try {
    return await parseKubeconfig(readFileSync(path, 'utf8'), dirname(path), path);
  } catch (err) {
    throw new CliError(`cannot read kubeconfig ${path}: ${messageOf(err)}`, { exit: ExitCode.unreachable, hint: 'check the file is a valid kubeconfig (YAML with clusters, users and contexts)', cause: err });
  }
}

/** kubectl's merge of a KUBECONFIG list: the first file to define a name or current-context wins. */
export function mergeKubeconfigs(configs: Kubeconfig[]): Kubeconfig {
  const merged: Kubeconfig = { clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '' };
  for (const c of configs) {
    for (const [k, v] of c.clusters) if (!merged.clusters.has(k)) merged.clusters.set(k, v);
    for (const [k, v] of c.users) if (!merged.users.has(k)) merged.users.set(k, v);
    for (const [k, v] of c.contexts) if (!merged.contexts.has(k)) merged.contexts.set(k, v);
    if (!merged.currentContext && c.currentContext) merged.currentContext = c.currentContext;
  }
  return merged;
}

function inCluster(env: NodeJS.ProcessEnv, saDir: string): Kubeconfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) return undefined;
  const tokenPath = join(saDir, 'token');
  if (!existsSync(tokenPath)) {
    throw new CliError(`running in a pod (KUBERNETES_SERVICE_HOST is set) but there is no service account token at ${tokenPath}`, { exit: ExitCode.unreachable, hint: 'mount a service account token, or pass --kubeconfig' });
  }
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const nsPath = join(saDir, 'namespace');
  const namespace = existsSync(nsPath) ? readFileSync(nsPath, 'utf8').trim() : undefined;
  const caPath = join(saDir, 'ca.crt');
  return {
    clusters: new Map([[IN_CLUSTER_CONTEXT, { server, ...(existsSync(caPath) ? { 'certificate-authority': caPath } : {}) }]]),
    // tokenFile, not the token itself: kubelet rotates projected tokens, and it is read per connection.
    users: new Map([[IN_CLUSTER_CONTEXT, { tokenFile: tokenPath }]]),
    contexts: new Map([[IN_CLUSTER_CONTEXT, { cluster: IN_CLUSTER_CONTEXT, user: IN_CLUSTER_CONTEXT, ...(namespace ? { namespace } : {}) }]]),
    currentContext: IN_CLUSTER_CONTEXT,
  };
}

async function load(options: KubeconfigOptions): Promise<{ config: Kubeconfig; source: string }> {
  if (options.kubeconfig) return { config: await loadFile(options.kubeconfig), source: options.kubeconfig };
  const list = (options.env.KUBECONFIG ?? '').split(delimiter).filter((p) => p.length > 0);
  if (list.length > 0) {
    const existing = list.filter((p) => existsSync(p));
    if (existing.length === 0) throw new CliError(`none of the KUBECONFIG files exist: ${list.join(delimiter)}`, { exit: ExitCode.unreachable, hint: 'fix KUBECONFIG or pass --kubeconfig' });
    return { config: mergeKubeconfigs(await Promise.all(existing.map(loadFile))), source: existing.join(delimiter) };
  }
  const home = options.env.HOME;
  if (home) {
    const path = join(home, '.kube', 'config');
    if (existsSync(path)) return { config: await loadFile(path), source: path };
  }
  const config = inCluster(options.env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
  if (config) return { config, source: IN_CLUSTER_CONTEXT };
  const lab = join(labDir(undefined, options.env), 'kubeconfig');
  if (existsSync(lab)) return { config: await loadFile(lab), source: lab };
  throw new CliError('no kubeconfig found (no --kubeconfig, KUBECONFIG, ~/.kube/config or lab, and not running in a pod)', {
    exit: ExitCode.unreachable,
    hint: 'pass --kubeconfig, set KUBECONFIG, or start the embedded cluster with `multusctl lab up`',
  });
}

export async function resolveKubeconfig(options: KubeconfigOptions): Promise<ResolvedKubeconfig> {
  const { config, source } = await load(options);
  if (options.context) {
    if (!config.contexts.has(options.context)) {
      const known = [...config.contexts.keys()].join(', ') || 'none';
      throw new CliError(`context "${options.context}" is not in the kubeconfig (${source})`, { exit: ExitCode.usage, hint: `known contexts: ${known}` });
    }
    config.currentContext = options.context;
  }
  const contextName = config.currentContext;
  const context = config.contexts.get(contextName);
  if (!context) {
    throw new CliError(contextName ? `the current context "${contextName}" is not defined in the kubeconfig (${source})` : `the kubeconfig (${source}) has no current context`, {
      exit: ExitCode.usage,
      hint: 'pick one with --context NAME',
    });
  }
  const cluster = config.clusters.get(context.cluster ?? '');
  if (!cluster) throw new CliError(`context "${contextName}" names cluster "${context.cluster ?? ''}", which the kubeconfig does not define`, { exit: ExitCode.usage, hint: 'fix the kubeconfig or pick another --context' });
  if (typeof cluster.server !== 'string' || cluster.server === '') {
    throw new CliError(`cluster "${context.cluster}" of context "${contextName}" has no server`, { exit: ExitCode.usage, hint: 'fix the kubeconfig or pick another --context' });
  }
  const user = config.users.get(context.user ?? '') ?? {};
  return { config, contextName, namespace: options.namespace || context.namespace || DEFAULT_NAMESPACE, server: cluster.server, cluster, user, source };
}
