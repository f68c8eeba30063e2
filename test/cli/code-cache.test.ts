/**
 * The V8 code cache of the lean bundles (src/cli/code-cache.ts), on real files: where it lives,
 * that a second run takes its code from it, that it is never used when someone else could have
 * written it, that a bundle changed to the same length does not get the old code (V8 checks only
 * the source's length: given the old cache it runs the old code), and that a broken cache only
 * means compiling again.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileName, codeCacheDir, privateToUser, runCommonJsBundle } from '../../src/cli/code-cache.js';

const root = mkdtempSync(join(tmpdir(), 'code-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));

let made = 0;
/** A CommonJS bundle (with a dependency it requires next to it) in a fresh directory. */
function bundle(answer = 42): { file: string; cacheDir: string } {
  made += 1;
  const dir = join(root, `b${made}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'dep.cjs'), 'module.exports = { word: "beside" };');
  const file = join(dir, 'lean.cjs');
  writeFileSync(file, `const dep = require('./dep.cjs');\nfunction answer() { return ${answer}; }\nmodule.exports = { answer, word: dep.word, file: __filename, dir: __dirname };\n`);
  return { file, cacheDir: join(dir, 'cache') };
}

test('the cache directory: off with MULTUSCTL_NO_CODE_CACHE=1, else $XDG_CACHE_HOME/multusctl (absolute only), else ~/.cache/multusctl', () => {
  assert.equal(codeCacheDir({ MULTUSCTL_NO_CODE_CACHE: '1', HOME: '/home/u' }), undefined);
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), '/x/cache/multusctl');
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }), '/home/u/.cache/multusctl');
  assert.equal(codeCacheDir({ HOME: '/home/u' }), '/home/u/.cache/multusctl');
});

test('private to the user: owned by this uid and writable by nobody else', () => {
  const stats = (uid: number, mode: number) => ({ uid, mode });
  assert.equal(privateToUser(stats(1000, 0o40700), 1000), true);
  assert.equal(privateToUser(stats(1000, 0o100644), 1000), true);
  assert.equal(privateToUser(stats(1000, 0o40770), 1000), false, 'group-writable');
  assert.equal(privateToUser(stats(1000, 0o100602), 1000), false, 'world-writable');
  assert.equal(privateToUser(stats(0, 0o40700), 1000), false, 'someone else’s');
});

test('the first run compiles and saves (0600 in a 0700 directory); the next takes its code from the cache', () => {
  const { file, cacheDir } = bundle();
  const first = runCommonJsBundle<{ answer(): number; word: string; file: string; dir: string }>(file, cacheDir, 'add');
  assert.equal(first.fromCache, false);
  assert.deepEqual([first.exports.answer(), first.exports.word, first.exports.file], [42, 'beside', file]);
  assert.equal(first.exports.dir, join(file, '..'));
  first.save();
  const [name] = readdirSync(cacheDir);
  assert.equal(name, cacheFileName(file, 'add', readFileSync(file)));
  assert.equal(statSync(join(cacheDir, name!)).mode & 0o777, 0o600);
  assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
  const second = runCommonJsBundle<{ answer(): number; word: string }>(file, cacheDir, 'add');
  assert.equal(second.fromCache, true);
  assert.deepEqual([second.exports.answer(), second.exports.word], [42, 'beside']);
  second.save();
  assert.equal(readdirSync(cacheDir).length, 1, 'a run that used the cache writes nothing');
});

test('each label (command) has its own file; a changed bundle of the same length gets a new one and the old one goes', () => {
  const { file, cacheDir } = bundle(42);
  runCommonJsBundle(file, cacheDir, 'add').save();
  runCommonJsBundle(file, cacheDir, 'nad list').save();
  assert.equal(readdirSync(cacheDir).length, 2);
  writeFileSync(file, readFileSync(file, 'utf8').replace('return 42', 'return 43'));
  const changed = runCommonJsBundle<{ answer(): number }>(file, cacheDir, 'add');
  assert.equal(changed.fromCache, false, 'not the old code');
  assert.equal(changed.exports.answer(), 43);
  changed.save();
  const names = readdirSync(cacheDir).sort();
  assert.equal(names.length, 2, names.join(' '));
  assert.ok(names.includes(cacheFileName(file, 'add', readFileSync(file))), 'the new add cache');
  assert.ok(names.some((n) => n.startsWith('lean.cjs-nad_list-')), 'the other command’s cache stays');
});

test('a cache file or directory others can write is not used, and nothing is written into such a directory', () => {
  const { file, cacheDir } = bundle();
  runCommonJsBundle(file, cacheDir, 'add').save();
  const [name] = readdirSync(cacheDir);
  chmodSync(join(cacheDir, name!), 0o620);
  assert.equal(runCommonJsBundle(file, cacheDir, 'add').fromCache, false, 'group-writable file');
  chmodSync(join(cacheDir, name!), 0o600);
  assert.equal(runCommonJsBundle(file, cacheDir, 'add').fromCache, true, 'control: the same file, private again');
  chmodSync(cacheDir, 0o777);
  const open = runCommonJsBundle<{ answer(): number }>(file, cacheDir, 'add');
  assert.equal(open.fromCache, false, 'world-writable directory');
  assert.equal(open.exports.answer(), 42);
  open.save();
  assert.deepEqual(readdirSync(cacheDir), [name], 'nothing new written there');
});

test('a broken cache is refused by V8: the bundle still runs, and the save replaces it with a good one', () => {
  const { file, cacheDir } = bundle();
  mkdirSync(cacheDir, { mode: 0o700 });
  const name = cacheFileName(file, 'add', readFileSync(file));
  writeFileSync(join(cacheDir, name), Buffer.from('not a code cache at all, just bytes'), { mode: 0o600 });
  const broken = runCommonJsBundle<{ answer(): number }>(file, cacheDir, 'add');
  assert.equal(broken.fromCache, false);
  assert.equal(broken.exports.answer(), 42);
  broken.save();
  assert.equal(runCommonJsBundle(file, cacheDir, 'add').fromCache, true);
});

test('no cache directory (or one that cannot be made): the bundle runs, and save writes nothing', () => {
  const { file } = bundle();
  const none = runCommonJsBundle<{ answer(): number }>(file, undefined, 'add');
  assert.equal(none.exports.answer(), 42);
  none.save();
  const blocked = join(root, 'a-file');
  writeFileSync(blocked, '');
  const under = runCommonJsBundle<{ answer(): number }>(file, join(blocked, 'multusctl'), 'add');
  assert.equal(under.exports.answer(), 42);
  under.save();
  assert.equal(existsSync(join(blocked, 'multusctl')), false);
});
