import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLabNodeObject, labNodeArgv, labPodArgv, labPodNetns } from '../../src/lab/node-argv.js';
import { LabAnnotations, LAB_NODE_LABEL } from '../../src/constants.js';

const node = {
  metadata: { name: 'lab-node1', labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: '/var/run/netns/mlab-node1' } },
};

test('a lab node runs argv through nsenter into its netns, argv kept as separate words', () => {
  assert.equal(isLabNodeObject(node), true);
  assert.deepEqual(labNodeArgv(node, ['ip', '-j', 'addr', 'show', 'dev', 'x; rm -rf /']), [
    'nsenter', '--net=/var/run/netns/mlab-node1', '--', 'ip', '-j', 'addr', 'show', 'dev', 'x; rm -rf /',
  ]);
  const withMount = { metadata: { ...node.metadata, annotations: { ...node.metadata.annotations, [LabAnnotations.mountns]: '/lab/mnt' } } };
  assert.deepEqual(labNodeArgv(withMount, ['ls']), ['nsenter', '--net=/var/run/netns/mlab-node1', '--mount=/lab/mnt', '--', 'ls']);
});

test('a node without the lab annotation is refused with its name', () => {
  assert.equal(isLabNodeObject({ metadata: { name: 'worker-1' } }), false);
  assert.throws(() => labNodeArgv({ metadata: { name: 'worker-1' } }, ['ls']), /worker-1 is not a lab node/);
});

test('a pod without a sandbox yet has no netns and cannot be entered', () => {
  const pod = { metadata: { namespace: 'default', name: 'p' } };
  assert.equal(labPodNetns(pod), undefined);
  assert.throws(() => labPodArgv(pod, ['ip', 'a']), /default\/p has no network namespace yet/);
  const started = { metadata: { namespace: 'default', name: 'p', annotations: { [LabAnnotations.netns]: '/var/run/netns/mlab-p-1' } } };
  assert.deepEqual(labPodArgv(started, ['ip', 'a']), ['nsenter', '--net=/var/run/netns/mlab-p-1', '--', 'ip', 'a']);
});
