/**
 * The lab's real API server in-process for tests: a temp directory (credentials and state), a
 * random 127.0.0.1 port and a kubeconfig file for it. close() stops it and removes everything.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, writeKubeconfig, type ApiServerOptions } from '../../src/lab/apiserver/index.js';

export interface TestApiServer {
  kubeconfigPath: string;
  url: string;
  token: string;
  caCertPem: string;
  dir: string;
  close(): Promise<void>;
}

export const TEST_CONTEXT = 'multusctl-test';

export async function startTestApiServer(options: Omit<ApiServerOptions, 'dir'> & { dir?: string } = {}): Promise<TestApiServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'multusctl-api-')));
  const server = await startApiServer({ ...options, dir });
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfigPath, server, { context: TEST_CONTEXT });
  return {
    kubeconfigPath,
    url: server.url,
    token: server.token,
    caCertPem: server.caCertPem,
    dir,
    async close() {
      await server.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One raw HTTPS request to a test server (trusting its CA), for asserting on the wire format. */
export function apiRequest(
  server: Pick<TestApiServer, 'url' | 'token' | 'caCertPem'>,
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; contentType?: string; accept?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const token = options.token === undefined ? server.token : options.token;
    const req = httpsRequest(
      `${server.url}${path}`,
      {
        method,
        ca: server.caCertPem,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(options.accept ? { accept: options.accept } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface WatchStream {
  /** Resolves with the next `count` events (waiting for them to arrive). */
  next(count?: number): Promise<Array<{ type: string; object: any }>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens a raw `watch=true` stream and hands out its newline-delimited events. */
export function openWatch(server: Pick<TestApiServer, 'url' | 'token' | 'caCertPem'>, path: string): Promise<WatchStream> {
  return new Promise((resolve, reject) => {
    const events: Array<{ type: string; object: unknown }> = [];
    const waiters: Array<() => void> = [];
    let buffer = '';
    let endedResolve!: () => void;
    const ended = new Promise<void>((r) => (endedResolve = r));
    const req = httpsRequest(`${server.url}${path}${path.includes('?') ? '&' : '?'}watch=true`, { ca: server.caCertPem, headers: { authorization: `Bearer ${server.token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buffer += d;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line) as { type: string; object: unknown });
        }
        for (const w of waiters.splice(0)) w();
      });
      res.on('end', endedResolve);
      res.on('close', endedResolve);
      resolve({
        next: async (count = 1) => {
          while (events.length < count) {
            const more = new Promise<void>((r) => waiters.push(r));
            const done = ended.then(() => {
              throw new Error(`watch ended after ${events.length} of ${count} events`);
            });
            await Promise.race([more, done]);
          }
          return events.splice(0, count) as Array<{ type: string; object: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
        },
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', (err) => {
      endedResolve();
      reject(err);
    });
    req.end();
  });
}

export interface ChildApiServer {
  url: string;
  port: number;
  token: string;
  caCertPem: string;
  pid: number;
  /** Sends a signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the API server in a child process on `dir` (see apiserver-child.ts). */
export function startChildApiServer(dir: string): Promise<ChildApiServer> {
  const script = fileURLToPath(new URL('./apiserver-child.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const info = JSON.parse(out.slice(0, nl)) as { url: string; port: number; token: string; caCertPem: string };
      resolve({
        ...info,
        pid: child.pid!,
        kill: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
    child.once('exit', (code, signal) => reject(new Error(`API server child exited (${code ?? signal}) before it listened: ${err}`)));
  });
}
