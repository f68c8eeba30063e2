import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { shellJoin, shellQuote } from '../../src/node/quote.js';

const SHELLS = ['sh', 'bash'].filter((s) => spawnSync(s, ['-c', 'true']).status === 0);

/** What `shell -c LINE` passes to printf, one NUL-terminated word each. */
function wordsAfterShell(shell: string, line: string, cwd: string): string[] {
  const r = spawnSync(shell, ['-c', line], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${shell} -c ${line}: ${r.stderr}`);
  return r.stdout.split('\0').slice(0, -1);
}

// Strings built from the characters a shell treats specially, plus injection attempts.
const META = [';', '|', '&', '$', '`', '(', ')', '{', '}', '<', '>', '*', '?', '[', ']', '~', '#', '!', '=', '\\', '"', "'", ' ', '\t', '\n', '%', '^'];
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom(...META, 'a', 'Z', '0', '-', '.', '/'), maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.constantFrom('$(touch CANARY)', '`touch CANARY`', '; touch CANARY', '&& touch CANARY', '| touch CANARY', "'; touch CANARY; '", '"$(touch CANARY)"', '\ntouch CANARY', 'FOO=bar', '~', '-n', '', "'", "''\\''"),
);

for (const shell of SHELLS) {
  test(`${shell}: any argv survives quoting exactly and no metacharacter runs anything`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-'));
    try {
      fc.assert(
        fc.property(fc.array(nasty, { minLength: 1, maxLength: 5 }), (argv) => {
          const line = shellJoin(['printf', '%s\\0', ...argv]);
          assert.deepEqual(wordsAfterShell(shell, line, dir), argv);
          assert.equal(existsSync(join(dir, 'CANARY')), false, `a command ran: ${line}`);
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${shell}: a quoted first word is always the command name, never an assignment or expansion`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-'));
    try {
      for (const word of ['FOO=bar', '~', '$HOME', '*', 'a b']) {
        const r = spawnSync(shell, ['-c', `${shellQuote(word)} 2>/dev/null; echo $?`], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.stdout.trim(), '127', `${word} should be looked up as a command and not found`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('plain words stay readable; a NUL byte and an empty argv are refused', () => {
  assert.equal(shellJoin(['ip', '-j', '-d', 'addr', 'show', 'dev', 'net1']), 'ip -j -d addr show dev net1');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.throws(() => shellQuote('a\0b'), /NUL/);
  assert.throws(() => shellJoin([]), /empty/);
});
