/** kubectl 1.32 against the lab API server: discovery, get, apply, create, describe, delete. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { run } from '../../../src/sys/run.js';
import { apiRequest, startTestApiServer, type TestApiServer } from '../../support/apiserver.js';
import { nadFixture } from '../../support/shared.js';

const kubectlMissing = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0;
const skip = kubectlMissing ? 'kubectl is not installed' : false;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations:
    k8s.v1.cni.cncf.io/networks: br-storage
spec:
  containers:
  - name: c
    image: nicolaka/netshoot
`;

describe('kubectl against the lab API server', { skip }, () => {
  let s: TestApiServer;
  const kubectl = async (...args: string[]): Promise<{ code: number | null; out: string; err: string }> => {
    const r = await run(['kubectl', '--kubeconfig', s.kubeconfigPath, '--cache-dir', join(s.dir, 'kcache'), ...args], {
      env: { PATH: process.env.PATH, HOME: s.dir },
      timeoutMs: 60_000,
    });
    return { code: r.exitCode, out: r.stdout, err: r.stderr };
  };
  const ok = async (...args: string[]): Promise<string> => {
    const r = await kubectl(...args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.err}`);
    return r.out;
  };

  before(async () => {
    s = await startTestApiServer();
    await apiRequest(s, 'POST', '/api/v1/nodes', { body: { metadata: { name: 'lab-node1' } } });
  });
  after(() => s.close());

  it('get nodes and namespaces', async () => {
    const nodes = await ok('get', 'nodes');
    assert.match(nodes, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    assert.match(nodes, /^lab-node1\s+NotReady\s+<none>\s+\d+s/m);
    const ns = await ok('get', 'ns', '-o', 'name');
    assert.deepEqual(ns.trim().split('\n').sort(), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
  });

  it('apply -f a NAD fixture, get net-attach-def (short name and category), apply again unchanged', async () => {
    const file = nadFixture('bridge-ok.yaml');
    if (!file) return assert.fail('shared fixtures not found beside the repo');
    assert.match(await ok('apply', '-f', file), /networkattachmentdefinition.k8s.cni.cncf.io\/br-storage created/);
    assert.match(await ok('get', 'net-attach-def'), /^br-storage\s/m);
    assert.match(await ok('get', 'cni', '-o', 'name'), /^networkattachmentdefinition.k8s.cni.cncf.io\/br-storage$/m);
    assert.match(await ok('get', 'network-attachment-definitions.k8s.cni.cncf.io', 'br-storage', '-o', 'jsonpath={.spec.config}'), /"type": "bridge"/);
    assert.match(await ok('apply', '-f', file), /br-storage unchanged/);
  });

  it('create -f a pod, get pod -o yaml, label, describe, delete', async () => {
    const file = join(s.dir, 'pod.yaml');
    await writeFile(file, POD);
    assert.match(await ok('create', '-f', file), /pod\/web created/);
    const pod = parse(await ok('get', 'pod', 'web', '-o', 'yaml')) as { kind: string; metadata: { uid: string; annotations: Record<string, string> }; status: { phase: string } };
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.metadata.annotations['k8s.v1.cni.cncf.io/networks'], 'br-storage');
    assert.equal(pod.status.phase, 'Pending');
    assert.match(await ok('get', 'pods'), /^web\s+0\/1\s+Pending\s+0\s+/m);
    assert.match(await ok('label', 'pod', 'web', 'tier=front'), /labeled/);
    assert.match(await ok('get', 'pods', '-l', 'tier=front,app in (web)', '-o', 'name'), /^pod\/web$/m);
    await apiRequest(s, 'POST', '/api/v1/namespaces/default/events', {
      body: { metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: pod.metadata.uid }, reason: 'NoNetworkFound', message: 'cannot find a network-attachment-definition', type: 'Warning', source: { component: 'multus' } },
    });
    const described = await ok('describe', 'pod', 'web');
    assert.match(described, /^Name:\s+web$/m);
    assert.match(described, /Warning\s+NoNetworkFound\s+.*multus\s+cannot find a network-attachment-definition/);
    assert.match(await ok('get', 'events'), /NoNetworkFound/);
    assert.match(await ok('delete', 'pod', 'web'), /pod "web" deleted/);
    const gone = await kubectl('get', 'pod', 'web');
    assert.equal(gone.code, 1);
    assert.match(gone.err, /pods "web" not found/);
  });

  it('patch (strategic, merge, json), wait --for=delete', async () => {
    const file = join(s.dir, 'pod2.yaml');
    await writeFile(file, POD.replace('name: web', 'name: web2'));
    await ok('create', '-f', file);
    assert.match(await ok('patch', 'pod', 'web2', '-p', '{"metadata":{"labels":{"s":"1"}}}'), /patched/);
    await ok('patch', 'pod', 'web2', '--type=merge', '-p', '{"metadata":{"annotations":{"m":"2"}}}');
    await ok('patch', 'pod', 'web2', '--type=json', '-p', '[{"op":"add","path":"/metadata/labels/j","value":"3"}]');
    const got = JSON.parse(await ok('get', 'pod', 'web2', '-o', 'json')) as { metadata: { labels: Record<string, string>; annotations: Record<string, string> } };
    assert.deepEqual(got.metadata.labels, { app: 'web', s: '1', j: '3' });
    assert.equal(got.metadata.annotations.m, '2');
    const waiting = kubectl('wait', '--for=delete', 'pod/web2', '--timeout=30s');
    await new Promise((r) => setTimeout(r, 500));
    await apiRequest(s, 'DELETE', '/api/v1/namespaces/default/pods/web2');
    const waited = await waiting;
    assert.equal(waited.code, 0, waited.err);
  });

  it('create namespace and serviceaccount (protobuf bodies), auth can-i, delete namespace', async () => {
    assert.match(await ok('create', 'namespace', 'team-a'), /namespace\/team-a created/);
    assert.match(await ok('create', 'serviceaccount', 'bot', '-n', 'team-a'), /serviceaccount\/bot created/);
    assert.match(await ok('get', 'sa', '-n', 'team-a', '-o', 'name'), /serviceaccount\/bot/);
    assert.equal((await ok('auth', 'can-i', 'create', 'pods')).trim(), 'yes');
    assert.match(await ok('delete', 'namespace', 'team-a', '--timeout=30s'), /namespace "team-a" deleted/);
    assert.equal((await kubectl('get', 'ns', 'team-a')).code, 1);
  });

  it('apply --server-side, diff and --dry-run=server leave the store alone', async () => {
    const file = nadFixture('macvlan-static-ok.yaml')!;
    assert.match(await ok('apply', '--server-side', '-f', file), /macvlan-static serverside-applied/);
    assert.equal((await kubectl('diff', '-f', file)).code, 0, 'no difference after apply');
    const dry = join(s.dir, 'dry.yaml');
    await writeFile(dry, POD.replace('name: web', 'name: dry'));
    assert.match(await ok('create', '--dry-run=server', '-f', dry), /pod\/dry created \(server dry run\)/);
    assert.equal((await kubectl('get', 'pod', 'dry')).code, 1);
    await ok('delete', '-f', file);
  });

  it('get pods -w prints a table row for each change', async () => {
    const watching = kubectl('get', 'pods', '-w', '--request-timeout=4s');
    await new Promise((r) => setTimeout(r, 1000));
    await apiRequest(s, 'POST', '/api/v1/namespaces/default/pods', { body: { metadata: { name: 'watched' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } });
    await apiRequest(s, 'DELETE', '/api/v1/namespaces/default/pods/watched');
    const r = await watching;
    assert.match(r.out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(r.out, /^watched\s+0\/1\s+Pending\s+0\s+\d+s$/m);
  });

  it('delete -f the NAD', async () => {
    const file = nadFixture('bridge-ok.yaml')!;
    assert.match(await ok('delete', '-f', file), /br-storage" deleted/);
    assert.match((await kubectl('get', 'net-attach-def')).err, /No resources found/);
  });
});
