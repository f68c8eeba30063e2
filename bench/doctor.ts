/**
 * doctor against an API server holding 5,000 pods (targets: < 3 s wall, peak RSS ≤ 150 MB), printed
 * beside the API server's own time to list those pods, measured in the same run.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestApiServer } from '../test/support/apiserver.js';
import { CLI, median } from './measure.js';
import { createAll, timeGet } from '../test/smoke/support/kube-http.js';

const PODS = 5000;
const MAXRSS = fileURLToPath(new URL('./doctor-rss.js', import.meta.url));

export async function run(): Promise<string[]> {
  const server = await startTestApiServer();
  try {
    const target = { url: server.url, token: server.token };
    const namespaces = Array.from({ length: 10 }, (_, i) => `bench-${i}`);
    await createAll(target, namespaces.map((name) => ({ path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })));
    await createAll(target, namespaces.map((ns) => ({
      path: `/apis/k8s.cni.cncf.io/v1/namespaces/${ns}/network-attachment-definitions`,
      body: { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'macvlan', namespace: ns }, spec: { config: JSON.stringify({ cniVersion: '1.0.0', name: 'macvlan', type: 'macvlan', master: 'eth1', ipam: { type: 'host-local', subnet: `10.${100 + namespaces.indexOf(ns)}.0.0/16` } }) } },
    })));
    await createAll(target, Array.from({ length: PODS }, (_, i) => {
      const ns = namespaces[i % namespaces.length]!;
      // Half the pods ask for the NAD, a few of those name a missing one.
      const annotations: Record<string, string> = i % 2 === 0 ? { 'k8s.v1.cni.cncf.io/networks': i % 50 === 0 ? 'missing-net' : 'macvlan@net1' } : {};
      return { path: `/api/v1/namespaces/${ns}/pods`, body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: ns, annotations }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } };
    }));
    const listMs = await timeGet(target, '/api/v1/pods');
    const walls: number[] = [];
    const rss: number[] = [];
    let findings = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      // Not spawnSync: the API server runs in this process and must keep answering.
      const r = await runProcess([process.execPath, '--import', MAXRSS, CLI, 'doctor', '--kubeconfig', server.kubeconfigPath, '--no-nodes', '-o', 'json'], { ...process.env, NO_COLOR: '1', MULTUSCTL_BENCH_RSS: '1' });
      walls.push(performance.now() - started);
      if (r.status !== 0 && r.status !== 1) throw new Error(`doctor exited ${r.status}: ${r.stderr}`);
      findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
      rss.push(Number(/__MAXRSS_KB__=(\d+)/.exec(r.stderr)?.[1] ?? 'NaN') / 1024);
    }
    const wall = median(walls);
    return [
      `API server: GET /api/v1/pods (${PODS} pods)${' '.repeat(14)} ${listMs.toFixed(1).padStart(8)} ms`,
      `multusctl doctor (${PODS} pods, ${findings} findings)${' '.repeat(8)} ${wall.toFixed(1).padStart(8)} ms  ${(wall / listMs).toFixed(1).padStart(5)}× the list  (target < 3000 ms)`,
      `multusctl doctor peak RSS${' '.repeat(24)} ${median(rss).toFixed(1).padStart(8)} MB  (target ≤ 150 MB)`,
    ];
  } finally {
    await server.close();
  }
}

function runProcess(argv: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
