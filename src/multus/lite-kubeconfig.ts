/**
 * Just enough kubeconfig for the engine's lightweight API client: the current context's server,
 * CA, client certificate or bearer token (inline or as files, relative paths from the file's
 * directory), or the in-cluster service account. Anything else (exec plugins, auth providers,
 * basic auth) returns undefined and callers use the full client (src/k8s/client.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface LiteTarget {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecure: boolean;
  /** For messages: the kubeconfig path or "in-cluster". */
  source: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

function material(section: Obj, dataKey: string, fileKey: string, base: string): Buffer | undefined {
  if (typeof section[dataKey] === 'string') return Buffer.from(section[dataKey] as string, 'base64');
  if (typeof section[fileKey] === 'string') {
    const p = section[fileKey] as string;
    return readFileSync(isAbsolute(p) ? p : join(base, p));
  }
  return undefined;
}

/** The current context of a kubeconfig file, or undefined when it needs more than this reader knows. */
export function liteTargetFromFile(path: string): LiteTarget | undefined {
  const doc = obj(parseYaml(readFileSync(path, 'utf8')));
  const base = dirname(path);
  const ctxEntry = (Array.isArray(doc.contexts) ? doc.contexts : []).find((c) => obj(c).name === doc['current-context']);
  if (!ctxEntry) return undefined;
  const ctx = obj(obj(ctxEntry).context);
  const cluster = obj((Array.isArray(doc.clusters) ? doc.clusters : []).map(obj).find((c) => c.name === ctx.cluster)?.cluster);
  const user = obj((Array.isArray(doc.users) ? doc.users : []).map(obj).find((u) => u.name === ctx.user)?.user);
  if (typeof cluster.server !== 'string' || !cluster.server.startsWith('https://')) return undefined;
  if (user.exec || user['auth-provider'] || user.username || user.password || cluster['proxy-url']) return undefined;
  const target: LiteTarget = { server: cluster.server.replace(/\/$/, ''), insecure: cluster['insecure-skip-tls-verify'] === true, source: path };
  target.ca = material(cluster, 'certificate-authority-data', 'certificate-authority', base);
  target.cert = material(user, 'client-certificate-data', 'client-certificate', base);
  target.key = material(user, 'client-key-data', 'client-key', base);
  if (typeof user.token === 'string') target.token = user.token;
  else if (typeof user.tokenFile === 'string') target.token = readFileSync(isAbsolute(user.tokenFile) ? user.tokenFile : join(base, user.tokenFile), 'utf8').trim();
  return target;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The in-cluster service account (KUBERNETES_SERVICE_HOST/PORT and its token), or undefined. */
export function liteInClusterTarget(env: NodeJS.ProcessEnv, dir = SERVICE_ACCOUNT_DIR): LiteTarget | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) return undefined;
  let token: string;
  try {
    token = readFileSync(join(dir, 'token'), 'utf8').trim();
  } catch {
    return undefined;
  }
  let ca: Buffer | undefined;
  try {
    ca = readFileSync(join(dir, 'ca.crt'));
  } catch {
    ca = undefined;
  }
  return { server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`, token, ca, insecure: false, source: 'in-cluster' };
}
