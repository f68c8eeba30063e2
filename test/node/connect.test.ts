import { test } from 'node:test';
import assert from 'node:assert/strict';
import { autoVia, internalIp, isThisHost } from '../../src/node/connect.js';
import { LabAnnotations, LAB_NODE_LABEL } from '../../src/constants.js';
import type { V1Node } from '../../src/k8s/types.js';

const node = (name: string, address: string, lab = false): V1Node => ({
  metadata: { name, ...(lab ? { labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: '/var/run/netns/x' } } : {}) },
  status: { addresses: [{ type: 'Hostname', address: name }, { type: 'InternalIP', address }] },
});
const ifaces = { eth0: [{ address: '192.0.2.7', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.0.2.7/24' }] } as const;

test('--via auto: lab for a lab node, local when this host is the node, else pod', () => {
  assert.equal(autoVia(node('lab-node1', '10.99.0.11', true), false), 'lab');
  assert.equal(autoVia(node('worker-1', '192.0.2.7'), true), 'local');
  assert.equal(autoVia(node('worker-1', '192.0.2.8'), false), 'pod');
  assert.equal(isThisHost(node('Worker-1.example.com', '198.51.100.1'), 'worker-1', {}), true, 'short, case-insensitive host name');
  assert.equal(isThisHost(node('worker-2', '192.0.2.7'), 'other', ifaces as never), true, 'one of our addresses');
  assert.equal(isThisHost(node('worker-2', '192.0.2.8'), 'other', ifaces as never), false);
  assert.equal(internalIp(node('w', '192.0.2.9')), '192.0.2.9');
});
