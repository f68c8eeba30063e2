/**
 * Runs a program with an argv array (never through a shell), with a time limit, an abort signal
 * and captured output. Every module that starts a process goes through here.
 */
import { spawn } from 'node:child_process';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  cwd?: string;
  /**
   * Run the program in its own process group and kill the whole group on timeout/abort, so a
   * child it started (a shell script's `sleep`) cannot keep its output open after the kill.
   */
  processGroup?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The exit code; null when killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
}

export function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new Error('run: empty argv'));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: options.processGroup === true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    let killed = false;
    const kill = (): void => {
      killed = true;
      if (options.processGroup && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
          return;
        } catch {
          // the group is gone already; fall back to the child itself
        }
      }
      child.kill('SIGKILL');
    };
    // A killed program's grandchildren may still hold its pipes: stop reading once it has exited.
    child.on('exit', () => {
      if (!killed) return;
      child.stdout.destroy();
      child.stderr.destroy();
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    options.signal?.addEventListener('abort', kill, { once: true });
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d: Buffer) => stderr.push(d));
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      reject(err);
    });
    child.on('close', (exitCode, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode,
        signal,
        timedOut,
        durationMs: performance.now() - started,
      });
    });
    // A child that exits without reading stdin must not crash us with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs and throws when the exit code is not 0, with the program's stderr in the message. */
export async function runChecked(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(argv, options);
  if (result.exitCode !== 0) {
    const why = result.timedOut ? `timed out after ${options.timeoutMs} ms` : (result.stderr.trim() || `exit ${result.exitCode ?? result.signal}`);
    throw new Error(`${argv.join(' ')}: ${why}`);
  }
  return result;
}
