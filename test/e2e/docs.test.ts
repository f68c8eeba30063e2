import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers.js';

// man/ and the README command reference are generated from the command definitions; a change to a
// command's flags, args, description or examples without `npm run docs` fails here.
test('man pages and README command reference are up to date', () => {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/docs.js'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
