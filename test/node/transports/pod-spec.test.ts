import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { helperPodName, helperPodSpec, hostRootsFor, inPodNetnsArgv, onHostArgv, underRoot, HELPER_CONTAINER } from '../../../src/node/transports/pod-spec.js';
import { LabAnnotations, LAB_NODE_LABEL } from '../../../src/constants.js';

test('the helper pod is a privileged host-network, host-PID pod pinned to its node, like kubectl debug node', () => {
  const pod = helperPodSpec({ namespace: 'ops', name: 'multusctl-node-w1-abcde', nodeName: 'w1' });
  assert.equal(pod.metadata?.namespace, 'ops');
  assert.equal(pod.spec?.nodeName, 'w1');
  assert.equal(pod.spec?.hostNetwork, true);
  assert.equal(pod.spec?.hostPID, true);
  assert.equal(pod.spec?.restartPolicy, 'Never');
  assert.deepEqual(pod.spec?.tolerations, [{ operator: 'Exists' }]);
  const c = pod.spec?.containers[0];
  assert.equal(c?.name, HELPER_CONTAINER);
  assert.equal(c?.image, 'nicolaka/netshoot');
  assert.equal(c?.securityContext?.privileged, true);
  assert.deepEqual(c?.volumeMounts?.[0], { name: 'host-root', mountPath: '/host', mountPropagation: 'HostToContainer' });
  assert.deepEqual(pod.spec?.volumes?.[0], { name: 'host-root', hostPath: { path: '/' } });
  // It ends itself if nobody deletes it.
  assert.deepEqual(c?.command, ['sleep', '3600']);
  assert.equal(pod.spec?.activeDeadlineSeconds, 3600);
  assert.equal(pod.metadata?.labels?.['app.kubernetes.io/managed-by'], 'multusctl');
  assert.equal(helperPodSpec({ namespace: 'a', name: 'b', nodeName: 'n', image: 'busybox:1', lifetimeSeconds: 60 }).spec?.containers[0]?.image, 'busybox:1');
});

test('helper pod names are DNS labels of at most 63 characters for any node name', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.stringMatching(/^[a-f0-9]{5}$/), (node, suffix) => {
      const name = helperPodName(node, suffix);
      assert.ok(name.length <= 63, name);
      assert.match(name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      assert.ok(name.endsWith(`-${suffix}`));
    }),
  );
  assert.equal(helperPodName('ip-10-0-1-5.ec2.internal', 'abcde'), 'multusctl-node-ip-10-0-1-5-ec2-internal-abcde');
  assert.notEqual(helperPodName('w1'), helperPodName('w1'));
});

const labNode = (extra: Record<string, string> = {}) => ({
  metadata: { name: 'lab-node1', labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: '/var/run/netns/mlab-node1', ...extra } },
});

test('host roots: /host on a real node; on a lab node, real paths for commands and the node root for files', () => {
  assert.deepEqual(hostRootsFor({ metadata: { name: 'w1' } }), { commands: '/host', files: '/host' });
  assert.deepEqual(hostRootsFor(undefined), { commands: '/host', files: '/host' });
  assert.deepEqual(hostRootsFor(labNode()), { commands: '', files: '' });
  assert.deepEqual(hostRootsFor(labNode({ [LabAnnotations.root]: '/tmp/lab/lab-node1' })), { commands: '', files: '/tmp/lab/lab-node1' });
  assert.deepEqual(hostRootsFor(labNode({ [LabAnnotations.root]: '/tmp/r', [LabAnnotations.mountns]: '/tmp/m' })), { commands: '', files: '' });
});

test('node paths seen from the helper: under the root, except the host /proc (hostPID)', () => {
  assert.equal(underRoot('/host', '/etc/cni/net.d'), '/host/etc/cni/net.d');
  assert.equal(underRoot('/host/', 'var/run/netns/cni-1'), '/host/var/run/netns/cni-1');
  assert.equal(underRoot('/host', '/proc/4242/ns/net'), '/proc/4242/ns/net');
  assert.equal(underRoot('', '/etc/cni/net.d'), '/etc/cni/net.d');
  assert.deepEqual(onHostArgv('/host', ['crictl', 'pods']), ['chroot', '/host', 'crictl', 'pods']);
  assert.deepEqual(onHostArgv('', ['crictl', 'pods']), ['crictl', 'pods']);
  assert.deepEqual(inPodNetnsArgv('/host', '/var/run/netns/cni-9', ['ip', '-j', 'addr', 'show', 'dev', 'x; reboot']), [
    'nsenter', '--net=/host/var/run/netns/cni-9', '--', 'ip', '-j', 'addr', 'show', 'dev', 'x; reboot',
  ]);
  assert.deepEqual(inPodNetnsArgv('', '/var/run/netns/mlab-p', ['ip', 'a']), ['nsenter', '--net=/var/run/netns/mlab-p', '--', 'ip', 'a']);
});
