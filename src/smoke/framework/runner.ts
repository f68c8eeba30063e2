/**
 * Runs checks in registry order against one context. Each check gets its own buffered log (kept
 * in the result only when it fails), the run's abort signal, and `needs`: a check whose
 * prerequisite failed is skipped with that reason instead of failing confusingly. On abort
 * (Ctrl-C) the running check fails as interrupted and the rest are skipped; the caller's cleanup
 * then runs in its `finally`, outside the runner.
 */
import { messageOf } from '../../cli/errors.js';
import { SkipCheck, summarize, type Check, type CheckResult, type CheckRun, type Report } from './check.js';
import { isSelected, type Selector } from './selection.js';

export interface RunChecksOptions {
  signal: AbortSignal;
  /** From --test; undefined runs every check. */
  selector?: Selector;
  /** Called as each check starts (for a spinner). */
  onStart?(check: { id: string; title: string }): void;
  /** Called as each check ends (for a line per check). */
  onResult?(result: CheckResult): void;
}

export const NOT_SELECTED = 'not selected by --test';
export const INTERRUPTED = 'interrupted';

export async function runChecks<C>(checks: readonly Check<C>[], ctx: C, options: RunChecksOptions): Promise<Report> {
  const started = performance.now();
  const results: CheckResult[] = [];
  // Ids whose outcome a dependent cannot build on (failed, or skipped for a reason other than --test).
  const unusable = new Map<string, string>();
  for (const check of checks) {
    const result = await runOne(check, ctx, options, unusable);
    if (result.status === 'failed') unusable.set(check.id, 'failed');
    else if (result.status === 'skipped' && result.messages[0] !== NOT_SELECTED) unusable.set(check.id, 'was skipped');
    results.push(result);
    options.onResult?.(result);
  }
  return summarize(results, performance.now() - started);
}

async function runOne<C>(check: Check<C>, ctx: C, options: RunChecksOptions, unusable: Map<string, string>): Promise<CheckResult> {
  const base = { id: check.id, title: check.title };
  const skipped = (reason: string): CheckResult => ({ ...base, status: 'skipped', messages: [reason], log: [], durationMs: 0 });
  if (options.signal.aborted) return skipped(INTERRUPTED);
  if (!check.required && options.selector && !isSelected(options.selector, check.id)) return skipped(NOT_SELECTED);
  const blocker = check.needs?.find((id) => unusable.has(id));
  if (blocker !== undefined) return skipped(`needs ${blocker}, which ${unusable.get(blocker)}`);

  options.onStart?.(base);
  const started = performance.now();
  const log: string[] = [];
  const messages: string[] = [];
  const elapsed = (): string => `${Math.round(performance.now() - started)}ms`;
  const t: CheckRun = {
    signal: options.signal,
    log: (line) => log.push(`[${elapsed()}] ${line}`),
    fail: (message) => {
      messages.push(message);
      log.push(`[${elapsed()}] FAIL ${message}`);
    },
    skip: (reason) => {
      throw new SkipCheck(reason);
    },
    action: async (name, fn) => {
      const at = performance.now();
      t.log(`-> ${name}`);
      try {
        const value = await fn();
        t.log(`ok ${name} (${Math.round(performance.now() - at)}ms)`);
        return value;
      } catch (err) {
        if (!(err instanceof SkipCheck)) t.log(`error ${name}: ${messageOf(err)}`);
        throw err;
      }
    },
  };

  let status: CheckResult['status'] = 'passed';
  try {
    await untilAborted(check.run(ctx, t), options.signal);
  } catch (err) {
    if (err instanceof SkipCheck) {
      status = 'skipped';
      messages.push(err.reason);
    } else {
      messages.push(options.signal.aborted ? INTERRUPTED : messageOf(err));
    }
  }
  if (status !== 'skipped' && messages.length > 0) status = 'failed';
  return { ...base, status, messages, log: status === 'failed' ? log : [], durationMs: performance.now() - started };
}

/** Settles with the work, or rejects as soon as the signal aborts (a check that ignores it cannot hang Ctrl-C). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(new Error(INTERRUPTED));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error(INTERRUPTED));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
