import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isSelected, parseSelector } from '../../../src/smoke/framework/selection.js';
import { CliError } from '../../../src/cli/errors.js';

const IDS = ['pods-running', 'attachment-present', 'ips-in-range', 'network-status-matches', 'default-route-eth0', 'ping-net1', 'del-frees-ips'];
const chosen = (patterns: string[]): string[] => {
  const selector = parseSelector(patterns);
  return IDS.filter((id) => isSelected(selector, id));
};

test('no --test selects every check', () => {
  assert.deepEqual(chosen([]), IDS);
});

test('a plain pattern selects the ids it matches (a regex, unanchored)', () => {
  assert.deepEqual(chosen(['ping']), ['ping-net1']);
  assert.deepEqual(chosen(['^(ping|ips)']), ['ips-in-range', 'ping-net1']);
  assert.deepEqual(chosen(['ping', 'del-']), ['ping-net1', 'del-frees-ips']);
});

test('a ! pattern removes what it matches; alone it keeps everything else', () => {
  assert.deepEqual(chosen(['!ping']), IDS.filter((id) => id !== 'ping-net1'));
  assert.deepEqual(chosen(['-', '!route|status']), ['pods-running', 'attachment-present', 'ips-in-range', 'ping-net1', 'del-frees-ips']);
});

test('negation wins over inclusion', () => {
  assert.deepEqual(chosen(['ping', '!ping']), []);
});

test('an invalid regex or an empty pattern is a usage error (exit 2)', () => {
  for (const bad of ['(', '!', '', '!+']) {
    assert.throws(() => parseSelector([bad]), (err: unknown) => err instanceof CliError && err.exitCode === 2);
  }
});

test('"!X" selects exactly the complement of "X" (property)', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z-]{1,6}$/), (pattern) => {
      const plain = new Set(chosen([pattern]));
      const negated = chosen([`!${pattern}`]);
      assert.deepEqual(negated, IDS.filter((id) => !plain.has(id)));
    }),
  );
});
