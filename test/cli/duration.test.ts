import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDuration } from '../../src/cli/duration.js';
import { CliError } from '../../src/cli/errors.js';

test('parses kubectl-style durations into milliseconds', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('30s'), 30_000);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('45'), 45_000);
});

test('rejects malformed durations with a usage error', () => {
  for (const bad of ['', 'abc', '10x', '5m junk', 'm5']) {
    assert.throws(() => parseDuration(bad), (err: unknown) => err instanceof CliError && err.exitCode === 2, bad);
  }
});

test('never throws anything but CliError (property)', () => {
  fc.assert(
    fc.property(fc.string(), (text) => {
      try {
        const ms = parseDuration(text);
        assert.ok(Number.isFinite(ms) && ms >= 0);
      } catch (err) {
        assert.ok(err instanceof CliError);
      }
    }),
  );
});
