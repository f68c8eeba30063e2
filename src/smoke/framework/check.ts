/**
 * The check framework shared by `smoke` (and usable by any end-to-end test): a check is a named
 * unit `{id, title, run(ctx, t)}`; the runner gives each one a buffered log, an abort signal and a
 * way to fail or skip, and turns the run into a report that is plain data (rendered by the
 * command, written as JUnit by `junit.ts`).
 */

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check's outcome, as printed, returned by `-o json` and written to JUnit. */
export interface CheckResult {
  /** Stable id, matched by --test (e.g. "ping-net1"). */
  id: string;
  /** One line saying what the check proves. */
  title: string;
  status: CheckStatus;
  /** Why it failed or was skipped (empty when it passed). */
  messages: string[];
  /** What the check logged while running; kept only when it failed, for debugging. */
  log: string[];
  durationMs: number;
}

/** The whole run as data: counts plus one result per check, in registry order. */
export interface Report {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  results: CheckResult[];
}

/** What a running check can do besides its own work. */
export interface CheckRun {
  /** Aborted on Ctrl-C (or when the run's time is up): pass it to every cluster call. */
  readonly signal: AbortSignal;
  /** Buffered: shown only if the check fails. */
  log(line: string): void;
  /** Records a failure and lets the check go on, so one run reports every problem it can see. */
  fail(message: string): void;
  /** Ends the check as skipped (e.g. nothing to test on this cluster). */
  skip(reason: string): never;
  /** Runs one named step, logging its start, end and duration; a throw fails the check. */
  action<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface Check<C> {
  readonly id: string;
  readonly title: string;
  /** Checks that must have passed for this one to make sense; otherwise it is skipped. */
  readonly needs?: readonly string[];
  /** Always run, whatever --test selects (set-up that every other check stands on). */
  readonly required?: boolean;
  run(ctx: C, t: CheckRun): Promise<void>;
}

/** Thrown by `t.skip()`; the runner turns it into a skipped result. */
export class SkipCheck extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipCheck';
  }
}

/** Counts the results into a report. */
export function summarize(results: CheckResult[], durationMs: number): Report {
  const count = (status: CheckStatus): number => results.filter((r) => r.status === status).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), durationMs, results };
}
