/**
 * nad benchmarks, as ratios to `node -e 0` of the same run:
 * - `nad validate` of 10,000 generated NADs (a JSON List, as `kubectl get -o json` gives; and the
 *   same NADs as a multi-document YAML stream), target < 1 s for the List;
 * - `nad list` against the lab's real API server (in this process, answering while the CLI runs as
 *   a child), with 200 NADs and 200 pods using them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../src/k8s/client.js';
import { startApiServer, writeKubeconfig } from '../src/lab/apiserver/index.js';
import { CLI, median, nodeBaseline, ratioLine, timeProcess } from './measure.js';
import { asYamlStream, generatedNads } from './nad-data.js';

/** Like timeProcess, but without blocking the event loop (the API server runs in this process). */
async function timeProcessAsync(argv: string[], runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    times.push(performance.now() - started);
    if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}: ${stderr}`);
  }
  return median(times);
}

async function listBench(dir: string, base: number): Promise<string> {
  const server = await startApiServer({ dir: join(dir, 'api') });
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, server, { context: 'bench' });
    const cluster = await connect({ kubeconfig, env: {} });
    const nads = generatedNads(200);
    for (const nad of nads) await cluster.nads.create(nad as never);
    for (let i = 0; i < 200; i++) {
      await cluster.pods.create({ metadata: { name: `p-${i}`, namespace: 'default', annotations: { 'k8s.v1.cni.cncf.io/networks': `net-${i % 200}` } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    }
    const ms = await timeProcessAsync([process.execPath, CLI, 'nad', 'list', '--kubeconfig', kubeconfig], 9);
    return ratioLine('multusctl nad list (200 NADs, 200 pods, live API)', ms, base);
  } finally {
    await server.close();
  }
}

export async function run(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'multusctl-bench-nad-'));
  try {
    const nads = generatedNads(10_000);
    const listFile = join(dir, 'nads.json');
    const yamlFile = join(dir, 'nads.yaml');
    await writeFile(listFile, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nads }));
    await writeFile(yamlFile, asYamlStream(nads));
    const base = nodeBaseline();
    const lines = [`node -e 0 (baseline)${' '.repeat(28)} ${base.toFixed(1).padStart(8)} ms`];
    const listMs = timeProcess([process.execPath, CLI, 'nad', 'validate', listFile], { runs: 5 });
    lines.push(ratioLine('multusctl nad validate (10,000 NADs, JSON List)', listMs, base, '< 1 s'));
    lines.push(ratioLine('multusctl nad validate (10,000 NADs, YAML stream)', timeProcess([process.execPath, CLI, 'nad', 'validate', yamlFile], { runs: 3 }), base));
    lines.push(await listBench(dir, base));
    return lines;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
