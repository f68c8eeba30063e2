/**
 * The lab's Kubernetes API server: HTTPS on a loopback address, bearer-token auth, discovery,
 * the resource handlers and pods/exec upgrades handed to an injected handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { LabApi } from './api.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.js';
import { handleResource } from './handlers.js';
import { sendOpenApiV2 } from './openapi.js';
import { authorized, sendJson, sendStatus, unauthorizedStatus } from './http.js';
import { ensurePki } from './pki.js';
import { RESOURCES, resourceKey } from './resources.js';
import { parseResourcePath } from './router.js';
import { ApiStatusError, statusObject } from './status.js';
import { Store, type KObject } from './store.js';

/** Receives an authenticated pods/exec upgrade for an existing pod (owner: exec, src/lab/apiserver/exec.ts). */
export type ExecUpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, context: { pod: KObject }) => void;

export interface ApiServerOptions {
  /** The lab directory: credentials under <dir>/pki, objects under <dir>/state. */
  dir: string;
  /** A loopback address only (127.0.0.0/8, ::1 or localhost); default 127.0.0.1. */
  host?: string;
  /** Default: a random free port. */
  port?: number;
  exec?: ExecUpgradeHandler;
  /** One line per request (method, path, status, ms); never carries credentials. */
  log?: (line: string) => void;
}

export interface RunningApiServer {
  url: string;
  port: number;
  token: string;
  caCertPem: string;
  close(): Promise<void>;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function rawStatus(socket: Duplex, code: number, text: string, body: Record<string, unknown>): void {
  const json = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
}

export async function startApiServer(opts: ApiServerOptions): Promise<RunningApiServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`the lab API server listens on loopback addresses only, not "${host}"`);
  const log = opts.log ?? (() => undefined);
  const pki = await ensurePki(opts.dir);
  const store = await Store.open(opts.dir, RESOURCES.map(resourceKey));
  const api = new LabApi(store);
  await api.seed();
  const closers = new Set<() => void>();
  let address = '';

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (!authorized(req, pki.token)) return sendJson(res, 401, unauthorizedStatus());
    if (req.method === 'GET') {
      if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
      if (path === '/healthz' || path === '/readyz' || path === '/livez') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        return void res.end('ok');
      }
      if (path === '/openapi/v2') return sendOpenApiV2(req, res);
      if (path === '/api') return sendJson(res, 200, apiVersions(address));
      if (path === '/apis') return sendJson(res, 200, apiGroupList((r) => api.served(r)));
      const legacy = /^\/api\/([^/]+)$/.exec(path);
      const grouped = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
      const group = /^\/apis\/([^/]+)$/.exec(path);
      const doc = legacy
        ? apiResourceList('', legacy[1]!, (r) => api.served(r))
        : grouped
          ? apiResourceList(grouped[1]!, grouped[2]!, (r) => api.served(r))
          : group
            ? apiGroup(group[1]!, (r) => api.served(r))
            : undefined;
      if (doc) return sendJson(res, 200, doc);
    }
    if (req.method === 'POST' && path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
      // `kubectl auth can-i`: every authenticated request is allowed in the lab.
      req.resume();
      return sendJson(res, 201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: {}, status: { allowed: true, reason: 'the lab API server allows every authenticated request' } });
    }
    const rp = parseResourcePath(path);
    if (!rp) throw new ApiStatusError(404, 'NotFound', 'the server could not find the requested resource', {});
    await handleResource(api, store, rp, req, res, url, (fn) => {
      closers.add(fn);
      return () => closers.delete(fn);
    });
  }

  const server: Server = createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const started = performance.now();
    res.on('finish', () => log(`${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`));
    route(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof ApiStatusError) return sendStatus(res, err);
      log(`internal error: ${err instanceof Error ? err.message : String(err)}`);
      sendJson(res, 500, statusObject(500, 'InternalError', `internal error: ${err instanceof Error ? err.message : String(err)}`));
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!authorized(req, pki.token)) return rawStatus(socket, 401, 'Unauthorized', unauthorizedStatus());
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const rp = parseResourcePath(url.pathname);
    if (!rp || rp.group !== '' || rp.plural !== 'pods' || rp.subresource !== 'exec' || !rp.namespace || !rp.name) {
      return rawStatus(socket, 404, 'Not Found', statusObject(404, 'NotFound', 'the server could not find the requested resource', {}));
    }
    let pod: KObject;
    try {
      pod = api.get(rp.resource!, rp.namespace, rp.name);
    } catch (err) {
      if (err instanceof ApiStatusError) return rawStatus(socket, err.code, 'Not Found', err.toStatus());
      throw err;
    }
    log(`${req.method} ${url.pathname} upgrade`);
    if (!opts.exec) {
      return rawStatus(socket, 501, 'Not Implemented', statusObject(501, undefined, 'pods/exec is not available: this lab API server was started without an exec handler'));
    }
    try {
      opts.exec(req, socket, head, { pod });
    } catch (err) {
      log(`exec handler failed: ${err instanceof Error ? err.message : String(err)}`);
      socket.destroy();
    }
  });

  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  address = `${urlHost}:${port}`;
  return {
    url: `https://${address}`,
    port,
    token: pki.token,
    caCertPem: pki.caCertPem,
    close: () =>
      new Promise<void>((resolve) => {
        for (const fn of closers) fn();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
