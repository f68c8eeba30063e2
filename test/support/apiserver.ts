/**
 * The lab's real API server in-process for tests: a temp directory (credentials and state), a
 * random 127.0.0.1 port and a kubeconfig file for it. close() stops it and removes everything.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
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
          ...(body === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' }),
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
