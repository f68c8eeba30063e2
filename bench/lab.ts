/**
 * The lab's costs: `lab up` (fresh directory, then a second up that is a no-op), a pod from create to
 * Running (binding, netns, CNI ADD of the cluster network and one macvlan NAD, status) and from
 * delete to gone (CNI DEL, netns removed), printed against `node -e 0` of the same run.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, median, nodeBaseline, ratioLine } from './measure.js';
import { labConnect } from '../src/lab/connect.js';
import type { V1Pod } from '../src/k8s/types.js';

const PODS = 5;

function cli(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`multusctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - started;
}

function waitFor(cluster: Awaited<ReturnType<typeof labConnect>>, name: string, done: (type: string, pod: V1Pod) => boolean): { ready: Promise<void>; stop: () => void } {
  const controller = new AbortController();
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pod ${name} timed out`)), 60_000);
    cluster.pods
      .watch({ namespace: 'default', fieldSelector: `metadata.name=${name}` }, (type, pod) => {
        if (done(type, pod)) {
          clearTimeout(timer);
          resolve();
        }
      }, controller.signal)
      .catch(reject);
  });
  return { ready, stop: () => controller.abort() };
}

export async function run(): Promise<string[]> {
  if (process.getuid?.() !== 0) return ['skipped: the lab needs root'];
  const base = nodeBaseline();
  const dir = mkdtempSync(join(tmpdir(), 'mctl-bench-lab-'));
  const args = ['--dir', dir, '--prefix', `mb${randomBytes(2).toString('hex')}-`];
  const lines = [`node -e 0 (baseline)${' '.repeat(28)} ${base.toFixed(1).padStart(8)} ms`];
  try {
    const upMs = cli(['lab', 'up', ...args, '--underlay', `10.99.${randomInt(100, 250)}.0/24`]);
    lines.push(ratioLine('lab up (fresh, 2 nodes)', upMs, base));
    lines.push(ratioLine('lab up again (no-op)', cli(['lab', 'up', ...args]), base));
    const cluster = await labConnect(join(dir, 'kubeconfig'), process.env);
    await cluster.nads.create({
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'bench-eth1', namespace: 'default' },
      spec: { config: JSON.stringify({ cniVersion: '0.4.0', name: 'bench-eth1', type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '192.168.99.0/24' } }) },
    });
    const createMs: number[] = [];
    const deleteMs: number[] = [];
    for (let i = 0; i < PODS; i += 1) {
      const name = `bench-${i}`;
      const running = waitFor(cluster, name, (_t, p) => p.status?.phase === 'Running');
      let started = performance.now();
      await cluster.pods.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', annotations: { 'k8s.v1.cni.cncf.io/networks': 'bench-eth1' } },
        spec: { containers: [{ name: 'c', image: 'bench' }] },
      });
      await running.ready;
      createMs.push(performance.now() - started);
      running.stop();
      const gone = waitFor(cluster, name, (t) => t === 'DELETED');
      started = performance.now();
      await cluster.pods.delete('default', name);
      await gone.ready;
      deleteMs.push(performance.now() - started);
      gone.stop();
    }
    lines.push(ratioLine(`pod create → Running (median of ${PODS}, eth0 + net1)`, median(createMs), base));
    lines.push(ratioLine(`pod delete → gone (median of ${PODS})`, median(deleteMs), base));
  } finally {
    spawnSync(process.execPath, [CLI, 'lab', 'down', ...args, '--purge'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
