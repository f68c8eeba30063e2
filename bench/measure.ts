/**
 * Shared measuring for benchmarks: wall time of whole processes, medians over repeated runs, and the
 * baseline every figure is printed against (`node -e 0`, measured in the same run).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time (ms) of running argv `runs` times; throws if a run fails unexpectedly. */
export function timeProcess(argv: string[], options: { runs?: number; input?: string; env?: NodeJS.ProcessEnv; okCodes?: number[] } = {}): number {
  const times: number[] = [];
  const okCodes = options.okCodes ?? [0];
  for (let i = 0; i < (options.runs ?? 9); i++) {
    const started = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { input: options.input, env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (!okCodes.includes(r.status ?? -1)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return median(times);
}

/** The unit every process benchmark is printed in. */
export function nodeBaseline(runs = 9): number {
  return timeProcess([process.execPath, '-e', '0'], { runs });
}

export function ratioLine(label: string, ms: number, baselineMs: number, target?: string): string {
  const ratio = ms / baselineMs;
  return `${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(5)}× node -e 0${target ? `  (target ${target})` : ''}`;
}
