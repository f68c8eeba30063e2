/** Helpers for the lab end-to-end tests: a lab of the test's own, kubectl against it, waiting. */
import { readdirSync, readFileSync } from 'node:fs';
import { sharedDir } from '../support/shared.js';
import { join } from 'node:path';
import { run, type RunResult } from '../../src/sys/run.js';
import { REPO_ROOT, runCli, type CliResult } from './helpers.js';
import { forceCleanup, labTestTarget, leftovers, type LabTestTarget } from '../lab/support.js';

export { forceCleanup, labTestTarget, leftovers, type LabTestTarget };

/** The shared NAD fixtures (test/support/shared.ts finds shared/ beside the clone or the worktree). */
export function fixturesDir(): string {
  const dir = sharedDir();
  if (dir === undefined) throw new Error(`no shared/fixtures beside ${REPO_ROOT}`);
  return join(dir, 'fixtures', 'nads');
}

export function labArgs(t: LabTestTarget): string[] {
  return ['--dir', t.dir, '--prefix', t.prefix];
}

export function labUp(t: LabTestTarget, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli(['lab', 'up', ...labArgs(t), '--underlay', t.underlay, '-o', 'json', ...extra], { env, timeoutMs: 120_000 });
}

export function labDown(t: LabTestTarget, purge = true): Promise<CliResult> {
  return runCli(['lab', 'down', ...labArgs(t), ...(purge ? ['--purge'] : []), '-o', 'json'], { timeoutMs: 60_000 });
}

export function kubectl(t: LabTestTarget, args: string[], stdin?: string): Promise<RunResult> {
  return run(['kubectl', ...args], { env: { ...process.env, KUBECONFIG: join(t.dir, 'kubeconfig') }, stdin, timeoutMs: 60_000 });
}

export async function kubectlJson<T = any>(t: LabTestTarget, args: string[]): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await kubectl(t, [...args, '-o', 'json']);
  if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (kubectl has no watch-until for arbitrary fields). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(250);
  }
}

/** Pids of live processes whose command line mentions the lab directory (its daemons). */
export function labProcesses(dir: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd.includes('daemon') && cmd.includes(dir)) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}
