import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Check } from '../../../src/smoke/framework/check.js';
import { INTERRUPTED, NOT_SELECTED, runChecks } from '../../../src/smoke/framework/runner.js';
import { parseSelector } from '../../../src/smoke/framework/selection.js';

interface Ctx {
  calls: string[];
}

function check(id: string, run: Check<Ctx>['run'], extra: Partial<Check<Ctx>> = {}): Check<Ctx> {
  return { id, title: `title of ${id}`, run, ...extra };
}

const pass = (id: string, extra: Partial<Check<Ctx>> = {}): Check<Ctx> =>
  check(id, async (ctx, t) => {
    ctx.calls.push(id);
    t.log(`${id} did its work`);
  }, extra);

test('a report counts passed, failed and skipped checks and keeps registry order', async () => {
  const ctx: Ctx = { calls: [] };
  const checks = [
    pass('a'),
    check('b', async (_c, t) => t.fail('b is broken')),
    check('c', async (_c, t) => t.skip('nothing to do')),
    check('d', async () => {
      throw new Error('d threw');
    }),
  ];
  const report = await runChecks(checks, ctx, { signal: new AbortController().signal });
  assert.deepEqual(report.results.map((r) => [r.id, r.status, r.messages]), [
    ['a', 'passed', []],
    ['b', 'failed', ['b is broken']],
    ['c', 'skipped', ['nothing to do']],
    ['d', 'failed', ['d threw']],
  ]);
  assert.equal(report.passed, 1);
  assert.equal(report.failed, 2);
  assert.equal(report.skipped, 1);
});

test('logs are buffered and kept only for failed checks', async () => {
  const report = await runChecks(
    [
      pass('quiet'),
      check('loud', async (_c, t) => {
        t.log('looked at net1');
        await t.action('ping 10.1.1.2', async () => {
          throw new Error('100% packet loss');
        });
      }),
    ],
    { calls: [] },
    { signal: new AbortController().signal },
  );
  assert.deepEqual(report.results[0]?.log, []);
  const log = report.results[1]?.log.join('\n') ?? '';
  assert.match(log, /looked at net1/);
  assert.match(log, /-> ping 10\.1\.1\.2/);
  assert.match(log, /error ping 10\.1\.1\.2: 100% packet loss/);
  assert.deepEqual(report.results[1]?.messages, ['100% packet loss']);
});

test('fail() records every problem and lets the check go on', async () => {
  const report = await runChecks(
    [check('many', async (_c, t) => {
      t.fail('first');
      t.fail('second');
    })],
    { calls: [] },
    { signal: new AbortController().signal },
  );
  assert.deepEqual(report.results[0]?.messages, ['first', 'second']);
});

test('--test selection skips the others, but never a required check', async () => {
  const ctx: Ctx = { calls: [] };
  const report = await runChecks([pass('setup', { required: true }), pass('ping'), pass('route')], ctx, {
    signal: new AbortController().signal,
    selector: parseSelector(['ping']),
  });
  assert.deepEqual(ctx.calls, ['setup', 'ping']);
  assert.deepEqual(report.results.map((r) => [r.id, r.status]), [['setup', 'passed'], ['ping', 'passed'], ['route', 'skipped']]);
  assert.deepEqual(report.results[2]?.messages, [NOT_SELECTED]);
});

test('a check whose prerequisite failed is skipped with the reason; a deselected prerequisite does not block', async () => {
  const ctx: Ctx = { calls: [] };
  const report = await runChecks(
    [
      check('setup', async (_c, t) => t.fail('pod never ran')),
      pass('uses-setup', { needs: ['setup'] }),
      pass('chained', { needs: ['uses-setup'] }),
      pass('optional'),
      pass('uses-optional', { needs: ['optional'] }),
    ],
    ctx,
    { signal: new AbortController().signal, selector: parseSelector(['!^optional$']) },
  );
  assert.deepEqual(report.results.map((r) => [r.id, r.status, r.messages.join()]), [
    ['setup', 'failed', 'pod never ran'],
    ['uses-setup', 'skipped', 'needs setup, which failed'],
    ['chained', 'skipped', 'needs uses-setup, which was skipped'],
    ['optional', 'skipped', NOT_SELECTED],
    ['uses-optional', 'passed', ''],
  ]);
});

test('an abort fails the running check as interrupted, skips the rest, and does not wait for a check that ignores it', async () => {
  const controller = new AbortController();
  const ctx: Ctx = { calls: [] };
  const started: string[] = [];
  const report = await runChecks(
    [
      pass('before'),
      check('hangs', async () => {
        setImmediate(() => controller.abort());
        await new Promise(() => {}); // never settles: the runner must still move on
      }),
      pass('after'),
    ],
    ctx,
    { signal: controller.signal, onStart: (c) => started.push(c.id) },
  );
  assert.deepEqual(started, ['before', 'hangs']);
  assert.deepEqual(report.results.map((r) => [r.id, r.status, r.messages.join()]), [
    ['before', 'passed', ''],
    ['hangs', 'failed', INTERRUPTED],
    ['after', 'skipped', INTERRUPTED],
  ]);
  assert.deepEqual(ctx.calls, ['before']);
});

test('onResult sees each result as it ends, in order', async () => {
  const seen: string[] = [];
  await runChecks([pass('x'), pass('y')], { calls: [] }, { signal: new AbortController().signal, onResult: (r) => seen.push(`${r.id}:${r.status}`) });
  assert.deepEqual(seen, ['x:passed', 'y:passed']);
});
