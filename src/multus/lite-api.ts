/**
 * The engine's MultusApi over node:https, without @kubernetes/client-node: the four calls multus
 * makes (GET pod, GET NAD, GET + PUT pods/status, POST event). Loading client-node costs seconds
 * per process; a runtime (or the lab kubelet) starts multus once per pod sandbox, so plugin mode
 * and `multusctl add|del|check` with a multus `kubeconfig` use this. Failures are MultusErrors of
 * kind 'api' (exit 3) naming the server; a 404 on a GET is `undefined`.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { NetworkAttachmentDefinition, V1Pod } from '../k8s/types.js';
import { Annotations, NAD_GROUP, NAD_PLURAL, NAD_VERSION } from '../constants.js';
import type { MultusApi } from './api.js';
import { MultusError } from './errors.js';
import type { LiteTarget } from './lite-kubeconfig.js';

export interface LiteApiOptions {
  timeoutMs?: number;
  /** One line per request (method, path, status, duration); never a token. */
  trace?: (line: string) => void;
}

interface Reply {
  status: number;
  body: unknown;
}

const CONFLICT_RETRIES = 5;

export function liteMultusApi(target: LiteTarget, options: LiteApiOptions = {}): MultusApi & { close(): void } {
  const agent = new Agent({ keepAlive: true, ca: target.ca, cert: target.cert, key: target.key, rejectUnauthorized: !target.insecure });
  const timeoutMs = options.timeoutMs ?? 10_000;

  function send(method: string, path: string, body?: unknown): Promise<Reply> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (target.token) headers.Authorization = `Bearer ${target.token}`;
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = request(`${target.server}${path}`, { method, agent, headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          options.trace?.(`api: ${method} ${path} → ${res.statusCode} (${(performance.now() - started).toFixed(1)} ms)`);
          let parsed: unknown = text;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch {
            // keep the text for the message
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
      req.on('error', (err) => reject(new MultusError(`cannot reach the API server at ${target.server}: ${err.message}`, { kind: 'api', cause: err })));
      req.end(payload);
    });
  }

  function failure(what: string, r: Reply): MultusError {
    const msg = typeof r.body === 'object' && r.body !== null && typeof (r.body as { message?: unknown }).message === 'string' ? (r.body as { message: string }).message : `HTTP ${r.status}`;
    return Object.assign(new MultusError(`${what}: ${msg}`, { kind: 'api' }), { statusCode: r.status });
  }

  async function get<T>(what: string, path: string): Promise<T | undefined> {
    const r = await send('GET', path);
    if (r.status === 404) return undefined;
    if (r.status !== 200) throw failure(what, r);
    return r.body as T;
  }

  const podPath = (ns: string, name: string): string => `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(name)}`;

  return {
    getPod: (ns, name) => get<V1Pod>(`get pod ${ns}/${name}`, podPath(ns, name)),
    getNad: (ns, name) =>
      get<NetworkAttachmentDefinition>(`get NetworkAttachmentDefinition ${ns}/${name}`, `/apis/${NAD_GROUP}/${NAD_VERSION}/namespaces/${encodeURIComponent(ns)}/${NAD_PLURAL}/${encodeURIComponent(name)}`),
    async updateNetworkStatus(ns, name, value) {
      for (let attempt = 0; ; attempt += 1) {
        const pod = await get<V1Pod>(`get pod ${ns}/${name}`, podPath(ns, name));
        if (!pod) throw new MultusError(`pod "${name}" not found`, { kind: 'api' });
        pod.metadata = { ...pod.metadata, annotations: { ...(pod.metadata?.annotations ?? {}), [Annotations.networkStatus]: value } };
        const r = await send('PUT', `${podPath(ns, name)}/status`, pod);
        if (r.status === 200 || r.status === 201) return;
        if (r.status === 404) throw new MultusError(`pod "${name}" not found`, { kind: 'api' });
        if (r.status !== 409 || attempt >= CONFLICT_RETRIES) throw failure(`update status of pod ${ns}/${name}`, r);
      }
    },
    async recordEvent(pod, e) {
      const ns = pod.metadata?.namespace ?? 'default';
      const podName = pod.metadata?.name ?? '';
      const now = new Date().toISOString();
      const body = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${podName}.${randomBytes(8).toString('hex')}`, namespace: ns },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: ns, name: podName, uid: pod.metadata?.uid, resourceVersion: pod.metadata?.resourceVersion },
        type: e.type,
        reason: e.reason,
        message: e.message,
        source: { component: 'multus' },
        reportingComponent: 'multus',
        reportingInstance: 'multus',
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      };
      const r = await send('POST', `/api/v1/namespaces/${encodeURIComponent(ns)}/events`, body);
      if (r.status !== 201 && r.status !== 200) throw failure(`record event ${e.reason} on pod ${ns}/${podName}`, r);
    },
    close: () => agent.destroy(),
  };
}
