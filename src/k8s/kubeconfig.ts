/**
 * Finds and loads the kubeconfig the way kubectl does: --kubeconfig, else KUBECONFIG (a list of
 * files merged, the first to set a value wins), else ~/.kube/config, else the in-cluster service
 * account. Where kubectl would give up, the default lab's kubeconfig (`multusctl lab up` without
 * --dir) is used, so `lab up` followed by any command works on a fresh machine, as kind's and
 * minikube's users expect. Then --context, and the namespace from -n, else the context's, else
 * "default".
 * Imported only by client.ts (it loads @kubernetes/client-node).
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster as KCluster, type Context as KContext, type User as KUser } from '@kubernetes/client-node';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { DEFAULT_NAMESPACE } from '../constants.js';
import { labDir } from '../lab/target.js';

export interface KubeconfigOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  env: NodeJS.ProcessEnv;
  /** Where the in-cluster service account files are (tests point it elsewhere). */
  serviceAccountDir?: string;
}

export interface ResolvedKubeconfig {
  kc: KubeConfig;
  contextName: string;
  namespace: string;
  server: string;
  /** Where it came from, for --debug: a path list, or "in-cluster". */
  source: string;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const IN_CLUSTER_CONTEXT = 'in-cluster';

function loadFile(path: string): KubeConfig {
  if (!existsSync(path)) throw new CliError(`kubeconfig file ${path} does not exist`, { exit: ExitCode.unreachable, hint: 'pass an existing file to --kubeconfig or fix KUBECONFIG' });
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    throw new CliError(`cannot read kubeconfig ${path}: ${err instanceof Error ? err.message : String(err)}`, { exit: ExitCode.unreachable, hint: 'check the file is a valid kubeconfig (YAML with clusters, users and contexts)', cause: err });
  }
  return kc;
}

/** kubectl's merge of a KUBECONFIG list: the first file to define a name or current-context wins. */
export function mergeKubeconfigs(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, KCluster>();
  const users = new Map<string, KUser>();
  const contexts = new Map<string, KContext>();
  let currentContext = '';
  for (const c of configs) {
    for (const x of c.clusters) if (!clusters.has(x.name)) clusters.set(x.name, x);
    for (const x of c.users) if (!users.has(x.name)) users.set(x.name, x);
    for (const x of c.contexts) if (!contexts.has(x.name)) contexts.set(x.name, x);
    if (!currentContext && c.currentContext) currentContext = c.currentContext;
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  return kc;
}

function inCluster(env: NodeJS.ProcessEnv, saDir: string): KubeConfig | undefined {
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
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: IN_CLUSTER_CONTEXT, server, caFile: join(saDir, 'ca.crt'), skipTLSVerify: false }],
    users: [{ name: IN_CLUSTER_CONTEXT, token: readFileSync(tokenPath, 'utf8').trim() }],
    contexts: [{ name: IN_CLUSTER_CONTEXT, cluster: IN_CLUSTER_CONTEXT, user: IN_CLUSTER_CONTEXT, ...(namespace ? { namespace } : {}) }],
    currentContext: IN_CLUSTER_CONTEXT,
  });
  return kc;
}

function load(options: KubeconfigOptions): { kc: KubeConfig; source: string } {
  if (options.kubeconfig) return { kc: loadFile(options.kubeconfig), source: options.kubeconfig };
  const list = (options.env.KUBECONFIG ?? '').split(delimiter).filter((p) => p.length > 0);
  if (list.length > 0) {
    const existing = list.filter((p) => existsSync(p));
    if (existing.length === 0) throw new CliError(`none of the KUBECONFIG files exist: ${list.join(delimiter)}`, { exit: ExitCode.unreachable, hint: 'fix KUBECONFIG or pass --kubeconfig' });
    return { kc: mergeKubeconfigs(existing.map(loadFile)), source: existing.join(delimiter) };
  }
  const home = options.env.HOME;
  if (home) {
    const path = join(home, '.kube', 'config');
    if (existsSync(path)) return { kc: loadFile(path), source: path };
  }
  const kc = inCluster(options.env, options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
  if (kc) return { kc, source: IN_CLUSTER_CONTEXT };
  const lab = join(labDir(undefined, options.env), 'kubeconfig');
  if (existsSync(lab)) return { kc: loadFile(lab), source: lab };
  throw new CliError('no kubeconfig found (no --kubeconfig, KUBECONFIG, ~/.kube/config or lab, and not running in a pod)', {
    exit: ExitCode.unreachable,
    hint: 'pass --kubeconfig, set KUBECONFIG, or start the embedded cluster with `multusctl lab up`',
  });
}

export function resolveKubeconfig(options: KubeconfigOptions): ResolvedKubeconfig {
  const { kc, source } = load(options);
  if (options.context) {
    if (!kc.contexts.some((c) => c.name === options.context)) {
      const known = kc.contexts.map((c) => c.name).join(', ') || 'none';
      throw new CliError(`context "${options.context}" is not in the kubeconfig (${source})`, { exit: ExitCode.usage, hint: `known contexts: ${known}` });
    }
    kc.setCurrentContext(options.context);
  }
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  if (!context) {
    throw new CliError(contextName ? `the current context "${contextName}" is not defined in the kubeconfig (${source})` : `the kubeconfig (${source}) has no current context`, {
      exit: ExitCode.usage,
      hint: 'pick one with --context NAME',
    });
  }
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) throw new CliError(`context "${contextName}" names cluster "${context.cluster}", which the kubeconfig does not define`, { exit: ExitCode.usage, hint: 'fix the kubeconfig or pick another --context' });
  return { kc, contextName, namespace: options.namespace || context.namespace || DEFAULT_NAMESPACE, server: cluster.server, source };
}
