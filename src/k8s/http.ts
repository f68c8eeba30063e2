/**
 * The API server over node:http(s): one request function with the kubeconfig's credentials, a time
 * limit and, under --debug, one trace line per call (method, URL, status, ms; never a credential),
 * plus the watch stream. JSON in and out, no model classes, so objects stay exactly as the server
 * sent them. A non-2xx answer rejects with `code` (the HTTP status) and `body` (its text): the shape
 * errors.ts maps. Credentials that kubectl gets from a plugin (exec credential plugins, auth
 * providers) or that go through a proxy are applied by client-node, loaded only then.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { CliError, messageOf } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { ResolvedKubeconfig } from './kubeconfig.js';

export interface HttpOptions {
  timeoutMs?: number;
  trace?: (line: string) => void;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestSpec {
  query?: Query;
  body?: unknown;
  /** Of the body (default application/json; patches name their own). */
  contentType?: string;
}

export interface KubeHttp {
  readonly server: string;
  /** The parsed JSON answer (undefined for an empty one). */
  json<T>(method: string, path: string, spec?: RequestSpec): Promise<T>;
  /** Streams `?watch=true` events until the server ends the stream or the signal aborts. */
  watch(path: string, query: Query, onEvent: (type: string, object: unknown) => void, signal: AbortSignal): Promise<void>;
}

export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|password)=)[^&]*/gi, '$1REDACTED');
}

/** True when the credentials need client-node (a plugin or a proxy), not just files and tokens. */
export function needsClientNode(r: Pick<ResolvedKubeconfig, 'user' | 'cluster'>): boolean {
  return r.user.exec != null || r.user['auth-provider'] != null || (typeof r.cluster['proxy-url'] === 'string' && r.cluster['proxy-url'] !== '');
}

/** Sets agent, headers and auth on one request's options. */
type Credentials = (opts: RequestOptions) => Promise<void>;

function readMaterial(what: string, data: string | undefined, file: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read the ${what} file ${file} named by the kubeconfig: ${messageOf(err)}`, { exit: ExitCode.unreachable, hint: 'fix the path in the kubeconfig (relative paths are from the kubeconfig file’s directory)', cause: err });
  }
}

/** Certificates, keys and tokens straight from the kubeconfig, on one keep-alive agent. */
function fileCredentials(r: ResolvedKubeconfig): Credentials {
  const { cluster, user } = r;
  let agent: HttpAgent | undefined;
  const agentFor = (): HttpAgent => {
    if (agent) return agent;
    if (r.server.startsWith('http:')) return (agent = new HttpAgent({ keepAlive: true }));
    return (agent = new HttpsAgent({
      keepAlive: true,
      ca: readMaterial('certificate-authority', cluster['certificate-authority-data'], cluster['certificate-authority']),
      cert: readMaterial('client-certificate', user['client-certificate-data'], user['client-certificate']),
      key: readMaterial('client-key', user['client-key-data'], user['client-key']),
      rejectUnauthorized: cluster['insecure-skip-tls-verify'] !== true,
      ...(cluster['tls-server-name'] ? { servername: cluster['tls-server-name'] } : {}),
    }));
  };
  return async (opts) => {
    opts.agent = agentFor();
    const headers = (opts.headers ??= {}) as Record<string, string>;
    // A token file is read for every request: kubelet rotates projected service account tokens.
    const token = user.token || (user.tokenFile ? readMaterial('tokenFile', undefined, user.tokenFile)!.toString('utf8').trim() : undefined);
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (user.username) opts.auth = `${user.username}:${user.password ?? ''}`;
    if (typeof user.as === 'string' && user.as !== '') headers['Impersonate-User'] = user.as;
    if (Array.isArray(user['as-groups']) && user['as-groups'].length > 0) (headers as Record<string, string | string[]>)['Impersonate-Group'] = user['as-groups'].map(String);
  };
}

function pluginCredentials(r: ResolvedKubeconfig): Credentials {
  let kc: Promise<{ applyToHTTPSOptions(o: RequestOptions): Promise<void> }> | undefined;
  return async (opts) => {
    kc ??= import('./client-node.js').then((m) => m.clientNodeKubeConfig(r));
    await (await kc).applyToHTTPSOptions(opts);
  };
}

function urlOf(server: string, path: string, query: Query = {}): URL {
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url;
}

function httpError(status: number, text: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), { code: status, body: text });
}

export function kubeHttp(resolved: ResolvedKubeconfig, options: HttpOptions = {}): KubeHttp {
  const server = resolved.server;
  const credentials = needsClientNode(resolved) ? pluginCredentials(resolved) : fileCredentials(resolved);
  const send = (url: URL, opts: RequestOptions, onResponse: (res: IncomingMessage) => void) =>
    (url.protocol === 'http:' ? httpRequest : httpsRequest)(url, opts, onResponse);

  async function json<T>(method: string, path: string, spec: RequestSpec = {}): Promise<T> {
    const url = urlOf(server, path, spec.query);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (payload !== undefined) headers['Content-Type'] = spec.contentType ?? 'application/json';
    const opts: RequestOptions = { method, headers, ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}) };
    const what = `${method} ${redactUrl(url.toString())}`;
    const started = performance.now();
    const ms = (): string => `${(performance.now() - started).toFixed(0)}ms`;
    try {
      await credentials(opts);
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = send(url, opts, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        req.end(payload);
      });
      options.trace?.(`api: ${what} ${status} ${ms()}`);
      if (status < 200 || status > 299) throw httpError(status, text);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    } catch (err) {
      if (options.trace && typeof (err as { code?: unknown }).code !== 'number') options.trace(`api: ${what} failed (${messageOf(err)}) ${ms()}`);
      throw err;
    }
  }

  async function watch(path: string, query: Query, onEvent: (type: string, object: unknown) => void, signal: AbortSignal): Promise<void> {
    const url = urlOf(server, path, { ...query, watch: 'true' });
    options.trace?.(`api: WATCH ${redactUrl(url.toString())}`);
    if (signal.aborted) return;
    const opts: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' }, signal };
    await credentials(opts);
    await new Promise<void>((resolve, reject) => {
      const finish = (err?: unknown): void => (err && !signal.aborted ? reject(err) : resolve());
      const req = send(url, opts, (res) => {
        const status = res.statusCode ?? 0;
        res.setEncoding('utf8');
        let buffered = '';
        if (status < 200 || status > 299) {
          res.on('data', (d: string) => (buffered += d));
          res.on('end', () => finish(httpError(status, buffered)));
          return;
        }
        res.on('data', (d: string) => {
          buffered += d;
          for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line === '') continue;
            let event: { type?: unknown; object?: unknown };
            try {
              event = JSON.parse(line) as typeof event;
            } catch (err) {
              req.destroy(new Error(`the watch stream sent a line that is not JSON: ${messageOf(err)}`));
              return;
            }
            try {
              if (typeof event.type === 'string') onEvent(event.type, event.object);
            } catch (err) {
              // The caller's own failure: end the watch with it rather than inside the HTTP parser.
              req.destroy(err instanceof Error ? err : new Error(messageOf(err)));
              return;
            }
          }
        });
        res.on('end', () => finish());
        res.on('error', finish);
      });
      req.on('error', finish);
      req.end();
    });
  }

  return { server, json, watch };
}
