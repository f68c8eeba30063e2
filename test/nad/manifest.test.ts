import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocuments } from '../../src/nad/lint.js';
import { parseManifests } from '../../src/nad/manifest.js';

const NAD = (name: string, config: string) => `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${name}\nspec:\n  config: ${config}\n`;

test('multi-document YAML yields each NAD with its index; empty documents are skipped', () => {
  const r = parseManifests(`${NAD('a', "'{}'")}---\n---\n${NAD('b', "'{}'")}`, { file: 'x.yaml' });
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.documents.map((d) => [d.nad.metadata.name, d.source.index, d.source.file]), [['a', 0, 'x.yaml'], ['b', 1, 'x.yaml']]);
});

test('a List (YAML or JSON) yields its items', () => {
  const item = (n: string) => ({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: n }, spec: { config: '{"type":"bridge"}' } });
  const json = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [item('a'), item('b')] }, null, 2));
  assert.deepEqual(json.documents.map((d) => d.nad.metadata.name), ['a', 'b']);
  const yaml = parseManifests(`apiVersion: v1\nkind: NetworkAttachmentDefinitionList\nitems:\n- ${NAD('c', "'{}'").trim().split('\n').join('\n  ')}\n`);
  assert.deepEqual(yaml.problems, []);
  assert.deepEqual(yaml.documents.map((d) => d.nad.metadata.name), ['c']);
});

test('a bare CNI config (JSON) is wrapped into a NAD named after its network, positions kept', () => {
  const text = '{\n  "cniVersion": "1.0.0",\n  "name": "My_Net",\n  "type": "bridge",\n  "ipam": {"type": "host-local", "subnet": "10.9.0.0/33"}\n}\n';
  const r = parseManifests(text, { file: 'c.json' });
  assert.equal(r.documents.length, 1);
  const d = r.documents[0]!;
  assert.equal(d.source.bare, true);
  assert.equal(d.nad.metadata.name, 'my-net');
  assert.equal(d.nad.spec?.config, text);
  const f = lintDocuments(r.documents).findings.find((x) => x.id === 'NAD007')!;
  assert.equal(f.path, 'spec.config.ipam.subnet');
  assert.equal(f.line, 5);
});

test('a bare conflist with a trailing comma is NAD002 at the file position of the comma', () => {
  const text = '{\n  "cniVersion": "1.0.0",\n  "name": "n",\n  "plugins": [ {"type": "bridge"}, ]\n}\n';
  const r = parseManifests(text, { file: 'c.json' });
  assert.deepEqual(r.problems, []);
  const [f] = lintDocuments(r.documents).findings;
  assert.equal(f?.id, 'NAD002');
  assert.match(f!.message, /trailing comma/);
  assert.equal(f!.line, 4);
  assert.equal(text.split('\n')[3]![f!.column! - 1], ']');
});

test('YAML syntax errors come back as a problem with a line', () => {
  const r = parseManifests('apiVersion: v1\nkind: [NetworkAttachmentDefinition\nmetadata:\n  name: x\n', { file: 'bad.yaml' });
  assert.equal(r.documents.length, 0);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /^YAML syntax error/);
  assert.equal(typeof r.problems[0]!.line, 'number');
});

test('a Pod manifest, an empty input and a wrong apiVersion are problems naming what was found', () => {
  assert.match(parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n').problems[0]!.message, /document 1 is a Pod, not a NetworkAttachmentDefinition/);
  assert.match(parseManifests('', { file: '-' }).problems[0]!.message, /stdin is empty/);
  assert.match(parseManifests('  \n').problems[0]!.message, /empty/);
  assert.match(parseManifests(NAD('a', "'{}'").replace('k8s.cni.cncf.io/v1', 'v1')).problems[0]!.message, /apiVersion "v1"/);
  assert.match(parseManifests('42\n').problems[0]!.message, /not a mapping/);
});

test('JSON NAD: an error inside the escaped spec.config string maps to the file line and column', () => {
  const config = '{\n  "type": "macvlan",\n  "mtu": 1500,\n}';
  const text = JSON.stringify({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'j' }, spec: { config } }, null, 2);
  const [f] = lintDocuments(parseManifests(text).documents).findings;
  assert.equal(f?.id, 'NAD002');
  assert.equal(f!.configLine, 4);
  assert.equal(f!.line, 8);
  assert.equal(text.split('\n')[7]!.slice(f!.column! - 4, f!.column!), ',\\n}');
});

test('block literal config: findings point at the file line of the key', () => {
  const text = NAD('blk', '|\n    {\n      "cniVersion": "1.0.0",\n      "type": "macvlan",\n      "mode": "weird"\n    }');
  const f = lintDocuments(parseManifests(text).documents).findings.find((x) => x.id === 'NAD009' && x.path === 'spec.config.mode')!;
  assert.equal(f.line, 10);
  assert.equal(text.split('\n')[9]!.slice(f.column! - 1, f.column! + 6), '"weird"');
  assert.equal(f.configLine, 4);
});

test('double-quoted YAML config with escapes maps positions exactly', () => {
  const text = NAD('dq', '"{\\"type\\": \\"macvlan\\",\n    \\"mode\\": \\"nope\\"}"');
  const r = parseManifests(text);
  assert.deepEqual(r.problems, []);
  const f = lintDocuments(r.documents).findings.find((x) => x.path === 'spec.config.mode')!;
  assert.equal(f.line, 7);
  assert.equal(text.split('\n')[6]!.slice(f.column! - 1, f.column! + 7), '\\"nope\\"');
});

test('spec.config given as a YAML mapping is NAD002, not a crash', () => {
  const text = 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: obj\nspec:\n  config:\n    type: macvlan\n';
  const f = lintDocuments(parseManifests(text).documents).findings;
  assert.deepEqual(f.map((x) => [x.id, x.level]), [['NAD002', 'error']]);
  assert.match(f[0]!.message, /not a string/);
});
