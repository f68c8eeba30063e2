import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachmentRequests } from '../../src/smoke/attach-flags.js';
import { networksAnnotation } from '../../src/smoke/test-pod.js';
import { CliError } from '../../src/cli/errors.js';

test('plain --network flags give the comma form', () => {
  const requests = attachmentRequests(['macvlan-conf@net1', 'other/bridge'], {});
  assert.equal(networksAnnotation(requests, 'default'), 'macvlan-conf@net1,other/bridge');
});

test('--ip, --mac, --default-route and --cni-args go to the first network and switch to JSON', () => {
  const requests = attachmentRequests(['macvlan-conf', 'other/bridge@net2'], { ips: ['10.1.1.5/24'], mac: '02:00:00:00:00:05', defaultRoute: ['10.1.1.1'], cniArgs: '{"foo":"bar"}' });
  assert.deepEqual(JSON.parse(networksAnnotation(requests, 'default')), [
    { name: 'macvlan-conf', ips: ['10.1.1.5/24'], mac: '02:00:00:00:00:05', 'default-route': ['10.1.1.1'], 'cni-args': { foo: 'bar' } },
    { name: 'bridge', namespace: 'other', interface: 'net2' },
  ]);
});

test('bad input is a usage error (exit 2) with a hint', () => {
  for (const [networks, first] of [[['macvlan@'], {}], [['a'], { cniArgs: '{x' }], [['a'], { cniArgs: '[1]' }], [[], {}]] as const) {
    assert.throws(() => attachmentRequests(networks, first), (err: unknown) => err instanceof CliError && err.exitCode === 2 && err.hint !== undefined);
  }
});
