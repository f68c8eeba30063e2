import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, type CheckResult } from '../../src/smoke/framework/check.js';
import { renderCheckLine, renderSummary } from '../../src/smoke/render.js';
import { makeColors } from '../../src/ui/colors.js';

const colors = makeColors(false);
const result = (id: string, status: CheckResult['status'], messages: string[] = [], log: string[] = []): CheckResult => ({ id, title: `${id} works`, status, messages, log, durationMs: 12 });

test('a line per check; a failure shows its reasons and its buffered log', () => {
  assert.equal(renderCheckLine(result('ping', 'passed'), colors), '✔ ping: ping works (12ms)');
  assert.equal(renderCheckLine(result('ping', 'skipped', ['not selected by --test']), colors), '- ping: skipped (not selected by --test)');
  assert.equal(renderCheckLine(result('ping', 'failed', ['smoke-a cannot ping'], ['[3ms] -> ping']), colors), '✖ ping: ping works (12ms)\n    smoke-a cannot ping\n    log:\n      [3ms] -> ping');
});

test('the summary line counts passed and failed (and skipped when any)', () => {
  const report = summarize([result('a', 'passed'), result('b', 'failed', ['x']), result('c', 'passed')], 2500);
  assert.equal(renderSummary(report, colors), '2 passed, 1 failed (2.5s)');
  assert.equal(renderSummary(summarize([result('a', 'passed'), result('b', 'skipped', ['y'])], 100), colors), '1 passed, 0 failed, 1 skipped (0.1s)');
});
