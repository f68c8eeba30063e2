import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cniConfigFiles, firstPluginType, nodeConfigFacts } from '../../../src/smoke/doctor/node-config.js';

test('only .conf/.conflist/.json files count, in lexical order', () => {
  assert.deepEqual(cniConfigFiles(['10-flannel.conflist', 'multus.d', '00-multus.conf', 'README', '99-x.json']), ['00-multus.conf', '10-flannel.conflist', '99-x.json']);
});

test("the first plugin's type, of a plain config or a conflist; nothing for broken text", () => {
  assert.equal(firstPluginType('{"type":"multus","name":"m"}'), 'multus');
  assert.equal(firstPluginType('{"name":"l","plugins":[{"type":"flannel"},{"type":"portmap"}]}'), 'flannel');
  assert.equal(firstPluginType('{not json'), undefined);
  assert.equal(firstPluginType('[]'), undefined);
});

test('facts: a missing dir is an error, an empty one has no files, else files and the first type', () => {
  assert.deepEqual(nodeConfigFacts('n', '/etc/cni/net.d', undefined, undefined), { node: 'n', confDir: '/etc/cni/net.d', error: '/etc/cni/net.d does not exist' });
  assert.deepEqual(nodeConfigFacts('n', '/d', ['x.txt'], undefined), { node: 'n', confDir: '/d', files: [] });
  assert.deepEqual(nodeConfigFacts('n', '/d', ['10-flannel.conflist', '00-multus.conf'], '{"type":"multus-shim"}'), { node: 'n', confDir: '/d', files: ['00-multus.conf', '10-flannel.conflist'], firstType: 'multus-shim' });
});
