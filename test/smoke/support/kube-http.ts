/**
 * Just enough raw HTTPS to the test API server for benchmarks: fill it with objects fast (many
 * requests in flight) and time its own list calls, without the CLI or client-node in the way.
 */
import { request } from 'node:https';

export interface ApiTarget {
  url: string;
  token: string;
}

export function call(target: ApiTarget, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(new URL(path, target.url), {
      method,
      rejectUnauthorized: false,
      headers: { authorization: `Bearer ${target.token}`, accept: 'application/json', ...(data ? { 'content-type': 'application/json' } : {}) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** POSTs every body to its path, `parallel` at a time; throws on the first non-2xx answer. */
export async function createAll(target: ApiTarget, items: Array<{ path: string; body: unknown }>, parallel = 16): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      const r = await call(target, 'POST', item.path, item.body);
      if (r.status >= 300) throw new Error(`POST ${item.path}: ${r.status} ${r.text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Median wall time (ms) of GET path, `runs` times. */
export async function timeGet(target: ApiTarget, path: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = await call(target, 'GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
