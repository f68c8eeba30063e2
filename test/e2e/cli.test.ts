import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

test('--version prints the oclif-style version line', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, new RegExp(`^multusctl/${pkg.version.replaceAll('.', '\\.')} \\S+ node-v\\d+`));
});

test('an unknown command is a usage error', async () => {
  const r = await runCli(['no-such-command']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /not found|no-such-command/i);
});
