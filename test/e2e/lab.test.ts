/**
 * The lab end to end, as a user drives it: `multusctl lab up`, then kubectl against its kubeconfig
 * (nodes, NADs, pods with a macvlan attachment on eth1, exec, delete), then `lab down`. The lab has
 * its own directory, prefix and underlay, and is torn down in `after` whatever happened.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { NETNS_SKIP } from '../support/netns.js';
import { run } from '../../src/sys/run.js';
import { CLI, runCli } from './helpers.js';
import { eventually, fixturesDir, forceCleanup, kubectl, kubectlJson, labArgs, labDown, labProcesses, labTestTarget, labUp, leftovers } from './lab-helpers.js';

const t = labTestTarget('me');

const ETH1_NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: macvlan-eth1
spec:
  config: '{ "cniVersion": "0.4.0", "name": "macvlan-eth1", "type": "macvlan", "master": "eth1", "mode": "bridge",
             "ipam": { "type": "host-local", "subnet": "192.168.77.0/24", "rangeStart": "192.168.77.100", "rangeEnd": "192.168.77.150" } }'
`;

function podYaml(name: string, opts: { networks?: string; node?: string; hostNetwork?: boolean } = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, annotations: opts.networks ? { 'k8s.v1.cni.cncf.io/networks': opts.networks } : {} },
    spec: { ...(opts.node ? { nodeName: opts.node } : {}), ...(opts.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'c', image: 'nicolaka/netshoot' }] },
  });
}

async function waitReady(name: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const r = await kubectl(t, ['wait', '--for=condition=Ready', `pod/${name}`, '--timeout=90s']);
  assert.equal(r.exitCode, 0, `pod ${name} Ready: ${r.stderr}`);
  return kubectlJson(t, ['get', 'pod', name]);
}

describe('lab end to end (kubectl)', { skip: NETNS_SKIP, timeout: 600_000 }, () => {
  let up: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  before(async () => {
    process.once('SIGINT', () => {
      forceCleanup(t);
      process.exit(130);
    });
    const r = await labUp(t);
    assert.equal(r.code, 0, `lab up: ${r.stderr}`);
    up = JSON.parse(r.stdout);
  });
  after(async () => {
    try {
      const r = await labDown(t);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(leftovers(t.prefix), []);
      assert.deepEqual(labProcesses(t.dir), []);
      assert.equal(existsSync(t.dir), false, '--purge removed the directory');
    } finally {
      for (const pid of labProcesses(t.dir)) process.kill(pid, 'SIGKILL');
      forceCleanup(t);
    }
  });

  it('writes a 0600 kubeconfig with context multusctl-lab and says how to use it', () => {
    assert.equal(up.alreadyUp, false);
    assert.equal(up.context, 'multusctl-lab');
    const kc = join(t.dir, 'kubeconfig');
    assert.equal(up.kubeconfig, kc);
    assert.equal(statSync(kc).mode & 0o777, 0o600);
    const doc = parseYaml(readFileSync(kc, 'utf8')) as { 'current-context': string; clusters: Array<{ cluster: { server: string } }> };
    assert.equal(doc['current-context'], 'multusctl-lab');
    assert.match(doc.clusters[0]!.cluster.server, /^https:\/\/127\.0\.0\.1:\d+$/, 'the API binds loopback');
  });

  it('a second `lab up` is a clear no-op', async () => {
    const r = await runCli(['lab', 'up', ...labArgs(t)], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /already up/);
    assert.match(r.stdout, /export KUBECONFIG=/);
  });

  it('another directory cannot take (or sweep) this lab\'s prefix', async () => {
    const other = { ...labTestTarget('me'), prefix: t.prefix };
    try {
      let r = await labUp(other);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, new RegExp(`prefix ${t.prefix} is in use by the lab in ${t.dir}`));
      r = await labDown(other);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /left alone/);
      assert.ok(existsSync(`/var/run/netns/${t.prefix}node1`), 'the first lab is untouched');
    } finally {
      rmSync(other.dir, { recursive: true, force: true });
    }
  });

  it('the API refuses requests without a token (401)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${up.server}/api/v1/nodes`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 401);
  });

  it('kubectl get nodes: two Ready lab nodes with InternalIP, podCIDR and the lab annotations', async () => {
    const list = await kubectlJson(t, ['get', 'nodes']);
    const nodes = list.items as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(nodes.map((n) => n.metadata.name).sort(), ['lab-node1', 'lab-node2']);
    for (const n of nodes) {
      assert.equal(n.metadata.labels['multusctl.io/lab'], 'true');
      assert.equal(n.metadata.annotations['lab.multusctl.dev/netns'], `/var/run/netns/${t.prefix}${n.metadata.name.replace('lab-', '')}`);
      assert.ok(n.metadata.annotations['lab.multusctl.dev/mountns']);
      assert.equal(n.status.conditions.find((c: { type: string }) => c.type === 'Ready').status, 'True');
      const ip = n.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address as string;
      // Reachable from the host (ssh to a node works the same way).
      const ping = await run(['ping', '-c', '1', '-W', '5', ip], { timeoutMs: 10_000 });
      assert.equal(ping.exitCode, 0, `ping ${ip}`);
    }
    assert.deepEqual(nodes.map((n) => n.spec.podCIDR).sort(), ['10.244.1.0/24', '10.244.2.0/24']);
    const ds = await kubectlJson(t, ['-n', 'kube-system', 'get', 'daemonset', 'kube-multus-ds']);
    assert.equal(ds.status.numberReady, 2);
  });

  it('kubectl apply of the macvlan fixture and an eth1 NAD; kubectl get net-attach-def lists them', async () => {
    const fixture = join(fixturesDir(), 'macvlan-default-route.yaml');
    let r = await kubectl(t, ['apply', '-f', fixture]);
    assert.equal(r.exitCode, 0, r.stderr);
    const file = join(t.dir, 'eth1-nad.yaml');
    writeFileSync(file, ETH1_NAD);
    r = await kubectl(t, ['apply', '-f', file]);
    assert.equal(r.exitCode, 0, r.stderr);
    const list = await kubectlJson(t, ['get', 'net-attach-def']);
    assert.deepEqual(list.items.map((n: { metadata: { name: string } }) => n.metadata.name).sort(), ['macvlan-conf', 'macvlan-eth1']);
  });

  it('a pod with the eth1 macvlan NAD runs with eth0 and net1; exec, leases and delete behave', async () => {
    let r = await kubectl(t, ['create', '-f', '-'], podYaml('web1', { networks: 'macvlan-eth1' }));
    assert.equal(r.exitCode, 0, r.stderr);
    r = await kubectl(t, ['create', '-f', '-'], podYaml('web2', { networks: 'macvlan-eth1' }));
    assert.equal(r.exitCode, 0, r.stderr);
    const pods = [await waitReady('web1'), await waitReady('web2')];
    assert.deepEqual(pods.map((p) => p.spec.nodeName).sort(), ['lab-node1', 'lab-node2'], 'bound round-robin');
    const net1Ips: string[] = [];
    for (const pod of pods) {
      assert.equal(pod.status.phase, 'Running');
      assert.match(pod.status.podIP, /^10\.244\.[12]\.\d+$/);
      const statuses = JSON.parse(pod.metadata.annotations['k8s.v1.cni.cncf.io/network-status']) as Array<{ name: string; interface: string; ips: string[] }>;
      const net1 = statuses.find((s) => s.interface === 'net1');
      assert.equal(net1?.name, 'default/macvlan-eth1');
      assert.match(net1!.ips[0]!, /^192\.168\.77\.1([0-4]\d|50)$/);
      net1Ips.push(net1!.ips[0]!);
      const netns = pod.metadata.annotations['lab.multusctl.dev/netns'] as string;
      assert.ok(netns.startsWith(`/var/run/netns/${t.prefix}pod-`));
      const addrs = JSON.parse((await run(['ip', 'netns', 'exec', netns.split('/').pop()!, 'ip', '-j', 'addr'])).stdout) as Array<{ ifname: string; addr_info: Array<{ family: string; local: string }> }>;
      const v4 = (ifname: string) => addrs.find((a) => a.ifname === ifname)?.addr_info.find((i) => i.family === 'inet')?.local;
      assert.equal(v4('eth0'), pod.status.podIP);
      assert.equal(v4('net1'), net1!.ips[0]);
      // The lease lives in the node's own /var/lib/cni.
      assert.ok(existsSync(join(t.dir, 'nodes', pod.spec.nodeName, 'var/lib/cni/networks/macvlan-eth1', net1!.ips[0]!)));
    }
    // kubectl exec runs in the pod's namespace; net1 reaches the other pod across nodes over eth1.
    r = await kubectl(t, ['exec', 'web1', '--', 'ip', '-j', 'addr', 'show', 'net1']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Array<{ addr_info: Array<{ local: string }> }>)[0]!.addr_info[0]!.local, net1Ips[0]);
    r = await kubectl(t, ['exec', 'web1', '--', 'ping', '-c', '1', '-W', '5', net1Ips[1]!]);
    assert.equal(r.exitCode, 0, `ping over net1: ${r.stdout}${r.stderr}`);

    const netns = pods[0].metadata.annotations['lab.multusctl.dev/netns'] as string;
    r = await kubectl(t, ['delete', 'pod', 'web1', '--timeout=60s']);
    assert.equal(r.exitCode, 0, r.stderr);
    const gone = await kubectl(t, ['get', 'pod', 'web1']);
    assert.notEqual(gone.exitCode, 0, 'pod is gone after delete returns');
    assert.equal(existsSync(netns), false, 'its namespace is removed');
    assert.equal(existsSync(join(t.dir, 'nodes', pods[0].spec.nodeName, 'var/lib/cni/networks/macvlan-eth1', net1Ips[0]!)), false, 'its lease is freed');
    assert.equal(existsSync(join(t.dir, 'nodes', pods[0].spec.nodeName, 'var/lib/cni/networks/lab-cluster', pods[0].status.podIP)), false);
  });

  it('a pod whose NAD does not exist stays ContainerCreating with FailedCreatePodSandBox', async () => {
    const r = await kubectl(t, ['create', '-f', '-'], podYaml('broken', { networks: 'no-such-nad' }));
    assert.equal(r.exitCode, 0, r.stderr);
    const event = await eventually('FailedCreatePodSandBox', async () => {
      const events = await kubectlJson(t, ['get', 'events', '--field-selector', 'involvedObject.name=broken']);
      return (events.items as Array<{ reason: string; message: string; type: string }>).find((e) => e.reason === 'FailedCreatePodSandBox');
    });
    assert.equal(event.type, 'Warning');
    assert.match(event.message, /no-such-nad/);
    const pod = await kubectlJson(t, ['get', 'pod', 'broken']);
    assert.equal(pod.status.phase, 'Pending');
    assert.equal(pod.status.containerStatuses[0].state.waiting.reason, 'ContainerCreating');
    assert.equal(pod.metadata.annotations['lab.multusctl.dev/netns'], undefined);
    const del = await kubectl(t, ['delete', 'pod', 'broken', '--timeout=60s']);
    assert.equal(del.exitCode, 0, del.stderr);
  });

  it('a hostNetwork pod runs in its node namespace without CNI', async () => {
    const r = await kubectl(t, ['create', '-f', '-'], podYaml('hostnet', { hostNetwork: true, node: 'lab-node2' }));
    assert.equal(r.exitCode, 0, r.stderr);
    const pod = await waitReady('hostnet');
    assert.equal(pod.metadata.annotations['lab.multusctl.dev/netns'], `/var/run/netns/${t.prefix}node2`);
    assert.equal(pod.status.podIP, pod.status.hostIP);
    await kubectl(t, ['delete', 'pod', 'hostnet', '--timeout=60s']);
  });

  it('lab status reports processes, nodes and pods; down keeps state and up brings pods back', async () => {
    let r = await runCli(['lab', 'status', ...labArgs(t), '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const status = JSON.parse(r.stdout);
    assert.equal(status.healthy, true);
    assert.deepEqual(status.processes.map((p: { role: string; running: boolean }) => [p.role, p.running]), [['apiserver', true], ['kubelet', true]]);
    assert.equal(status.nodes.length, 2);
    assert.ok(status.pods.some((p: { name: string; phase: string }) => p.name === 'web2' && p.phase === 'Running'));

    r = await labDown(t, false);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(leftovers(t.prefix), []);
    assert.deepEqual(labProcesses(t.dir), []);
    // An orphan sandbox (no pod has its UID) is removed by the kubelet's reconcile on start.
    const orphan = `${t.prefix}pod-00000000-0000-4000-8000-000000000000`;
    assert.equal((await run(['ip', 'netns', 'add', orphan])).exitCode, 0);
    const restarted = Date.now() - 1000;
    r = await labUp(t);
    assert.equal(r.code, 0, r.stderr);
    await eventually('the orphan namespace removed', async () => (existsSync(`/var/run/netns/${orphan}`) ? undefined : true));
    const pod = await eventually('web2 back with a namespace', async () => {
      const p = await kubectlJson(t, ['get', 'pod', 'web2']);
      const startedAt = Date.parse(p.status.containerStatuses?.[0]?.state?.running?.startedAt ?? '');
      return p.status.phase === 'Running' && startedAt >= restarted && existsSync(p.metadata.annotations['lab.multusctl.dev/netns'] ?? '/nonexistent') ? p : undefined;
    });
    const addrs = await run(['ip', 'netns', 'exec', pod.metadata.annotations['lab.multusctl.dev/netns'].split('/').pop(), 'ip', '-j', 'addr', 'show', 'net1']);
    assert.equal(addrs.exitCode, 0, 'net1 re-created after down/up');
  });
});

describe('lab commands without root', () => {
  it('lab up refuses with one sentence, a hint and exit 2, and makes nothing', { skip: process.getuid?.() === 0 ? false : 'run as root to drop to nobody' }, async () => {
    const dir = `/tmp/mctl-lab-nobody-${process.pid}`;
    const r = await run(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'env', 'HOME=/tmp', 'NO_COLOR=1', process.execPath, CLI, 'lab', 'up', '--dir', dir], { timeoutMs: 60_000 });
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, /^Error: `lab up` needs root/);
    assert.match(r.stderr, /Hint: run it as root/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(dir), false);
  });
});
