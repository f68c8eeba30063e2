/**
 * The lab's detached processes (API server, kubelet): started as `multusctl lab daemon ROLE --dir
 * DIR`, with a pid file and a log under the lab directory. Stopping checks the pid's command line
 * first, so a recycled pid of an unrelated process is never signalled.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type DaemonRole = 'apiserver' | 'kubelet';
export const DAEMON_ROLES: readonly DaemonRole[] = ['apiserver', 'kubelet'];

/** How to run multusctl itself (node + the launcher script). */
export interface CliLauncher {
  node: string;
  script: string;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function daemonArgv(role: DaemonRole, dir: string): string[] {
  return ['lab', 'daemon', role, '--dir', dir];
}

export function pidFile(runDir: string, role: DaemonRole): string {
  return join(runDir, `${role}.pid`);
}

export function logFile(logDir: string, role: DaemonRole): string {
  return join(logDir, `${role}.log`);
}

/** True when `pid` is alive and its command line is this lab's daemon of `role`. */
export function isLabDaemon(pid: number, role: DaemonRole, dir: string): boolean {
  if (!pidAlive(pid)) return false;
  let cmdline: string[];
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  const want = daemonArgv(role, dir);
  for (let i = 0; i + want.length <= cmdline.length; i += 1) {
    if (want.every((w, j) => cmdline[i + j] === w)) return true;
  }
  return false;
}

/** The live pid of the role's daemon, or undefined (stale pid files are ignored). */
export function daemonPid(runDir: string, role: DaemonRole, dir: string): number | undefined {
  const file = pidFile(runDir, role);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isLabDaemon(pid, role, dir) ? pid : undefined;
}

export async function startDaemon(
  launcher: CliLauncher,
  role: DaemonRole,
  paths: { dir: string; runDir: string; logDir: string },
  env: NodeJS.ProcessEnv,
): Promise<number> {
  await mkdir(paths.runDir, { recursive: true });
  await mkdir(paths.logDir, { recursive: true });
  const fd = openSync(logFile(paths.logDir, role), 'a');
  try {
    const child = spawn(launcher.node, [launcher.script, ...daemonArgv(role, paths.dir)], {
      detached: true,
      stdio: ['ignore', fd, fd],
      env,
    });
    if (child.pid === undefined) throw new Error(`could not start the lab ${role}`);
    child.unref();
    await writeFile(pidFile(paths.runDir, role), `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; only when the pid is this lab's daemon. */
export async function stopDaemon(runDir: string, role: DaemonRole, dir: string, graceMs = 5000): Promise<number | undefined> {
  const pid = daemonPid(runDir, role, dir);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (pidAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isLabDaemon(pid, role, dir)) process.kill(pid, 'SIGKILL');
    while (pidAlive(pid) && Date.now() < deadline + 2000) await sleep(50);
  }
  await rm(pidFile(runDir, role), { force: true });
  return pid;
}

/** Waits for a file a daemon writes when ready, failing early when the daemon died. */
export async function waitForFile(path: string, pid: number, timeoutMs: number, what: string, log: string): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(path)) return readFile(path, 'utf8');
    if (!pidAlive(pid)) throw new Error(`the lab ${what} exited during start-up; see ${log}`);
    if (Date.now() > deadline) throw new Error(`the lab ${what} was not ready after ${Math.round(timeoutMs / 1000)} s; see ${log}`);
    await sleep(100);
  }
}
