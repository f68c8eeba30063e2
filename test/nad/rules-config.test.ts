/** NAD001–NAD006, each with a config it rejects and one it accepts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../src/nad/rules/index.js';
import { goodMacvlan, ids, lint, only } from './helpers.js';

test('the registry lists NAD001..NAD012 once each, in order, with titles and levels', () => {
  assert.deepEqual(RULES.map((r) => r.id), Array.from({ length: 12 }, (_, i) => `NAD${String(i + 1).padStart(3, '0')}`));
  for (const r of RULES) {
    assert.ok(r.title.length > 5, r.id);
    assert.ok(['error', 'warning', 'info'].includes(r.level));
  }
});

test('a good macvlan config has no findings at all', () => {
  assert.deepEqual(lint(goodMacvlan()), []);
});

test('NAD001: upper case, underscores, too long, empty → error; dotted subdomain → warning; label → none', () => {
  for (const name of ['Macvlan', 'mac_vlan', 'x'.repeat(254), '', '-lead', 'a..b']) {
    assert.deepEqual(ids(lint(goodMacvlan(), {}, name), 'error'), ['NAD001'], JSON.stringify(name));
  }
  const dotted = only(lint(goodMacvlan(), {}, 'net.example'), 'NAD001');
  assert.deepEqual(dotted.map((f) => f.level), ['warning']);
  assert.deepEqual(only(lint(goodMacvlan(), {}, 'net-1'), 'NAD001'), []);
  assert.match(only(lint(goodMacvlan(), {}, 'Macvlan_Net'), 'NAD001')[0]!.hint!, /"macvlan-net"/);
});

test('NAD001: the same namespace/name twice in one run warns on each', async () => {
  const { lintDocuments } = await import('../../src/nad/lint.js');
  const { nadDoc } = await import('./helpers.js');
  const f = lintDocuments([nadDoc(goodMacvlan(), 'dup'), nadDoc(goodMacvlan({ ipam: undefined }), 'dup'), nadDoc(goodMacvlan({ ipam: undefined }), 'other')]).findings;
  assert.deepEqual(f.filter((x) => x.id === 'NAD001').map((x) => [x.nad, x.level]), [['dup', 'warning'], ['dup', 'warning']]);
});

test('NAD002: not JSON, a JSON array, a comment → error with config line/column; empty config → warning', () => {
  const broken = only(lint('{\n  "type": "bridge"\n  "x": 1\n}'), 'NAD002');
  assert.equal(broken[0]!.level, 'error');
  assert.deepEqual([broken[0]!.configLine, broken[0]!.configColumn], [3, 3]);
  assert.match(broken[0]!.message, /comma was expected/);
  assert.match(only(lint('[1,2]'), 'NAD002')[0]!.message, /array, not an object/);
  assert.match(only(lint('{"type": "bridge" // note\n}'), 'NAD002')[0]!.message, /comment/);
  assert.deepEqual(only(lint(''), 'NAD002').map((f) => f.level), ['warning']);
  assert.deepEqual(only(lint(goodMacvlan()), 'NAD002'), []);
});

test('NAD002 short-circuits the config rules: a broken config reports nothing else', () => {
  assert.deepEqual(ids(lint('{"type": "macvlan", "mode": "x",}')), ['NAD002']);
});

test('NAD003: no type and no plugins, empty plugins, a plugin without type', () => {
  assert.deepEqual(only(lint({ cniVersion: '1.0.0' }), 'NAD003').map((f) => f.path), ['spec.config.type']);
  assert.deepEqual(only(lint({ cniVersion: '1.0.0', name: 'n', plugins: [] }), 'NAD003').map((f) => f.path), ['spec.config.plugins']);
  assert.deepEqual(only(lint({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'bridge' }, { mtu: 1 }] }), 'NAD003').map((f) => f.path), ['spec.config.plugins[1].type']);
  assert.deepEqual(only(lint({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'bridge' }] }), 'NAD003'), []);
});

test('NAD004: conflist without name → warning; bad characters → error; good names pass', () => {
  assert.deepEqual(only(lint({ cniVersion: '1.0.0', plugins: [{ type: 'bridge' }] }), 'NAD004').map((f) => f.level), ['warning']);
  const bad = only(lint(goodMacvlan({ name: 'my net!' })), 'NAD004');
  assert.equal(bad[0]!.level, 'error');
  assert.match(bad[0]!.message, /contains " "/);
  assert.deepEqual(only(lint(goodMacvlan({ name: 'My_net.v2-x' })), 'NAD004'), []);
  assert.deepEqual(only(lint(goodMacvlan({ name: undefined })), 'NAD004'), [], 'a single plugin without name is fine: multus uses the NAD name');
});

test('NAD005: missing → warning, unknown → error, < 0.4.0 → warning, current → none', () => {
  assert.deepEqual(only(lint(goodMacvlan({ cniVersion: undefined })), 'NAD005').map((f) => f.level), ['warning']);
  assert.deepEqual(only(lint(goodMacvlan({ cniVersion: '2.0.0' })), 'NAD005').map((f) => f.level), ['error']);
  assert.deepEqual(only(lint(goodMacvlan({ cniVersion: 1 })), 'NAD005').map((f) => f.level), ['error']);
  assert.deepEqual(only(lint(goodMacvlan({ cniVersion: '0.3.1' })), 'NAD005').map((f) => f.level), ['warning']);
  assert.deepEqual(only(lint(goodMacvlan({ cniVersion: '0.4.0' })), 'NAD005'), []);
  assert.deepEqual(only(lint(goodMacvlan({ cniVersion: '1.1.0' })), 'NAD005'), []);
});

test('NAD006: runtimeConfig, args, cni.dev/* → warning; prevResult → error; in conflist plugins too', () => {
  const f = lint(goodMacvlan({ runtimeConfig: {}, args: {}, 'cni.dev/x': 1, prevResult: {} }));
  assert.deepEqual(only(f, 'NAD006').map((x) => [x.path, x.level]), [
    ['spec.config.runtimeConfig', 'warning'], ['spec.config.args', 'warning'], ['spec.config["cni.dev/x"]', 'warning'], ['spec.config.prevResult', 'error'],
  ]);
  const list = lint({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'bridge', runtimeConfig: {} }] });
  assert.deepEqual(only(list, 'NAD006').map((x) => x.path), ['spec.config.plugins[0].runtimeConfig']);
  assert.deepEqual(only(lint(goodMacvlan()), 'NAD006'), []);
});
