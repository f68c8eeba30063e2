/**
 * API list latency: 5,000 pods in the lab API server (a child process), listed through the project's
 * Kubernetes client (connect() + pods.list, src/k8s/client.ts), next to the raw HTTPS list and `kubectl get pods`; and the start-up cost
 * of a `nad list`-like process with the client bundled the way the CLI ships (esbuild, dynamic import
 * split into a chunk). Every figure is a ratio to `node -e 0` measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { connect } from '../src/k8s/client.js';
import { writeKubeconfig } from '../src/lab/apiserver/kubeconfig.js';
import { startChildApiServer, type ChildApiServer } from '../test/support/apiserver.js';
import { median, nodeBaseline, ratioLine, timeProcess } from './measure.js';

const PODS = 5000;
const CONCURRENCY = 16;
const RUNS = 9;
const REPO = fileURLToPath(new URL('../../', import.meta.url));

function post(server: ChildApiServer, agent: Agent, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(`${server.url}${path}`, { method: 'POST', agent, ca: server.caCertPem, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(text);
  });
}

function rawList(server: ChildApiServer, agent: Agent, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent, ca: server.caCertPem, headers: { authorization: `Bearer ${server.token}` } }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

async function seed(server: ChildApiServer, agent: Agent): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < PODS) {
      const i = next++;
      const pod = {
        metadata: { name: `bench-${i}`, labels: { app: `a${i % 10}` }, annotations: { 'k8s.v1.cni.cncf.io/networks': 'br-storage' } },
        spec: { nodeName: `lab-node${(i % 2) + 1}`, containers: [{ name: 'c', image: 'nicolaka/netshoot' }] },
      };
      const code = await post(server, agent, '/api/v1/namespaces/default/pods', pod);
      if (code !== 201) throw new Error(`creating pod ${i}: HTTP ${code}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function timed(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

async function bundleEntry(outdir: string): Promise<string> {
  await build({
    entryPoints: { 'nad-list': join(REPO, 'bench', 'entries', 'nad-list.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);" },
  });
  return join(outdir, 'nad-list.js');
}

export async function run(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'multusctl-bench-api-'));
  const server = await startChildApiServer(dir);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const seedStart = performance.now();
    await seed(server, agent);
    const seedMs = performance.now() - seedStart;
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, server, { context: 'bench' });

    const base = nodeBaseline();
    const lines = [`node -e 0 (baseline)${' '.repeat(28)} ${base.toFixed(1).padStart(8)} ms`];
    lines.push(`seeded ${PODS} pods in ${(seedMs / 1000).toFixed(1)} s (${(seedMs / PODS).toFixed(2)} ms per durable create, ${CONCURRENCY} in flight)`);

    let bytes = 0;
    const raw = await timed(async () => (bytes = await rawList(server, agent, '/api/v1/namespaces/default/pods')));
    lines.push(ratioLine(`raw HTTPS list of ${PODS} pods (${(bytes / 1e6).toFixed(1)} MB)`, raw, base));
    const cluster = await connect({ kubeconfig, env: {} });
    let count = 0;
    const listed = await timed(async () => (count = (await cluster.pods.list({ namespace: 'default' })).length));
    if (count !== PODS) throw new Error(`listed ${count} pods, expected ${PODS}`);
    lines.push(ratioLine(`Kubernetes client pods.list of ${PODS} pods`, listed, base));
    const selected = await timed(() => cluster.pods.list({ namespace: 'default', labelSelector: 'app=a3', fieldSelector: 'spec.nodeName=lab-node2' }));
    lines.push(ratioLine(`pods.list with label+field selector (${PODS / 10} match)`, selected, base));

    const entry = await bundleEntry(join(dir, 'bundle'));
    lines.push(ratioLine('nad list-like process, client bundled', timeProcess([process.execPath, entry, kubeconfig]), base));
    if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0) {
      const kubectl = ['kubectl', '--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kcache'), 'get', 'pods', '-o', 'name'];
      lines.push(ratioLine(`kubectl get pods (${PODS}) for reference`, timeProcess(kubectl, { runs: 3, env: { HOME: dir } }), base));
    }
    return lines;
  } finally {
    agent.destroy();
    await server.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}
