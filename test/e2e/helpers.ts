/** Runs the built CLI as a user would: a child process, real argv, real exit code. */
import { fileURLToPath } from 'node:url';
import { run } from '../../src/sys/run.js';

export const CLI = fileURLToPath(new URL('../../../bin/run.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `nodeArgs` go to node before the CLI's path (e.g. `--import` of a module-resolve hook). */
export async function runCli(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<CliResult> {
  const r = await run([process.execPath, ...(options.nodeArgs ?? []), CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...options.env }, stdin: options.stdin, timeoutMs: options.timeoutMs ?? 60_000 });
  return { code: r.exitCode ?? (r.signal ? 128 : 1), stdout: r.stdout, stderr: r.stderr };
}
