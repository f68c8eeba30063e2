/**
 * `multusctl smoke` wall time on a fresh 2-node lab (target ≤ 10 s), printed beside the lab API
 * server's own time to list pods, measured in the same run. The lab lives in a temp dir with a
 * unique prefix and is torn down at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { CLI, median } from './measure.js';
import { timeGet } from '../test/smoke/support/kube-http.js';

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
}

export async function run(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mctl-bench-smoke-'));
  const prefix = `bs${randomBytes(2).toString('hex')}-`;
  const kubeconfig = join(dir, 'kubeconfig');
  try {
    const up = cli(['lab', 'up', '--dir', dir, '--prefix', prefix, '--underlay', `10.99.${randomInt(100, 250)}.0/24`, '--nodes', '2']);
    if (up.status !== 0) throw new Error(`lab up failed: ${up.stderr}`);
    const config = readFileSync(kubeconfig, 'utf8');
    const url = /server:\s*(\S+)/.exec(config)?.[1] ?? '';
    const token = /token:\s*(\S+)/.exec(config)?.[1] ?? '';
    const listMs = await timeGet({ url, token }, '/api/v1/pods');
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const r = cli(['smoke', '--kubeconfig', kubeconfig, '-o', 'json']);
      walls.push(performance.now() - started);
      if (r.status !== 0) throw new Error(`smoke failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    }
    const wall = median(walls);
    return [
      `lab API server: GET /api/v1/pods${' '.repeat(20)} ${listMs.toFixed(1).padStart(8)} ms`,
      `multusctl smoke (2-node lab, median of 3)${' '.repeat(7)} ${wall.toFixed(1).padStart(8)} ms  (target ≤ 10000 ms)`,
    ];
  } finally {
    cli(['lab', 'down', '--dir', dir, '--prefix', prefix, '--purge']);
    rmSync(dir, { recursive: true, force: true });
  }
}
