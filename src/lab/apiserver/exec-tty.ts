/**
 * Terminals for `tty=true` execs: util-linux `script` gives the command a pseudo-terminal and
 * returns its exit code (--return). It takes one shell command, so argv goes through the one tested
 * quoting function. Resize requests (channel 4, {"Width","Height"}) are applied with `stty` on the
 * terminal of script's child, reached through /proc/PID/fd/0 (valid in any mount namespace).
 */
import { readFile } from 'node:fs/promises';
import { shellJoin } from '../../node/quote.js';
import { run } from '../../sys/run.js';

export function ttyArgv(command: readonly string[]): string[] {
  return ['script', '--quiet', '--return', '--command', shellJoin(command), '/dev/null'];
}

export interface TerminalSize {
  width: number;
  height: number;
}

/** The size in a resize frame, or undefined when it is not one (or is 0x0: nothing to apply). */
export function parseResize(data: Buffer): TerminalSize | undefined {
  try {
    const v = JSON.parse(data.toString('utf8')) as { Width?: unknown; Height?: unknown };
    const width = Number(v.Width);
    const height = Number(v.Height);
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width > 10_000 || height > 10_000) return undefined;
    return { width, height };
  } catch {
    return undefined;
  }
}

async function firstChild(pid: number): Promise<number | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
    const child = Number(text.trim().split(/\s+/)[0]);
    return Number.isInteger(child) && child > 0 ? child : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets the terminal size of the command under `script` (pid). Right after the start script may
 * not have forked yet, or its child may not have moved its stdin onto the terminal yet (stty then
 * fails on script's own stdin, a pipe): short retries cover both. Returns whether it was applied.
 */
export async function resizeTty(scriptPid: number, size: TerminalSize, attempts = 40): Promise<boolean> {
  for (let i = 0; i < attempts; i += 1) {
    const child = await firstChild(scriptPid);
    if (child !== undefined) {
      const r = await run(['stty', '-F', `/proc/${child}/fd/0`, 'rows', String(size.height), 'cols', String(size.width)], { timeoutMs: 5000 });
      if (r.exitCode === 0) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
