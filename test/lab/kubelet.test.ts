/**
 * The kubelet in-process against the lab's real API server (test/support/apiserver.ts) and real
 * lab nodes: round-robin binding, a failed sandbox retried until its NAD appears, deletion of a pod
 * bound to a node that is not a lab node, and a restart that re-creates a lost sandbox.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { release } from 'node:os';
import { NETNS_SKIP } from '../support/netns.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import type { V1Pod } from '../../src/k8s/types.js';
import { labLayout, type LabLayout } from '../../src/lab/layout.js';
import { createLabNetwork, deleteLabNetwork } from '../../src/lab/nodes/network.js';
import { createNodeMountns, deleteMountnses } from '../../src/lab/nodes/mountns.js';
import { writeNodeFiles } from '../../src/lab/nodes/files.js';
import { labNodeObject } from '../../src/lab/nodes/objects.js';
import { clusterRegistrar } from '../../src/lab/register.js';
import { Kubelet } from '../../src/lab/kubelet/kubelet.js';
import { deleteNetns } from '../../src/sys/netns.js';
import { forceCleanup, labTestTarget, leftovers, onInterrupt } from './support.js';

const t = labTestTarget('mk');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function pod(name: string, extra: { networks?: string; nodeName?: string } = {}): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', annotations: extra.networks ? { 'k8s.v1.cni.cncf.io/networks': extra.networks } : {} },
    spec: { ...(extra.nodeName ? { nodeName: extra.nodeName } : {}), containers: [{ name: 'c', image: 'x' }] },
  };
}

const running = (cluster: Cluster, name: string) =>
  until(`${name} Running`, async () => {
    const p = await cluster.pods.get('default', name);
    return p?.status?.phase === 'Running' ? p : undefined;
  });

describe('lab kubelet against the real API server', { skip: NETNS_SKIP, timeout: 300_000 }, () => {
  let server: TestApiServer;
  let cluster: Cluster;
  let layout: LabLayout;
  let stop: AbortController;
  let runningKubelet: Promise<void>;
  const lines: string[] = [];

  const startKubelet = async (): Promise<void> => {
    stop = new AbortController();
    const kubelet = new Kubelet({
      cluster,
      bind: (ns, name, node) => cluster.pods.bind(ns, name, node),
      prefix: t.prefix,
      podNetnsPrefix: layout.podNetnsPrefix,
      log: (l) => lines.push(l),
    });
    await new Promise<void>((resolve) => {
      runningKubelet = kubelet.run(stop.signal, resolve);
    });
  };

  before(async () => {
    onInterrupt(t);
    server = await startTestApiServer();
    cluster = await connect({ kubeconfig: server.kubeconfigPath, env: process.env });
    layout = labLayout({ dir: t.dir, prefix: t.prefix, nodes: 2, underlay: t.underlay });
    await createLabNetwork(layout, async () => {});
    const registrar = clusterRegistrar(cluster);
    for (const node of layout.nodes) {
      await writeNodeFiles(node, { multusBin: '/bin/false' });
      await createNodeMountns(layout, node);
      await registrar.applyNode(labNodeObject(node, { kernelVersion: release(), version: 'test', now: new Date().toISOString() }));
    }
    await startKubelet();
  });

  after(async () => {
    try {
      stop?.abort();
      await runningKubelet;
      await deleteMountnses(layout);
      await deleteLabNetwork(layout);
      assert.deepEqual(leftovers(t.prefix), []);
    } finally {
      forceCleanup(t);
      await server?.close();
      rmSync(t.dir, { recursive: true, force: true });
    }
  });

  it('binds unbound pods round-robin and runs them', async () => {
    for (const name of ['rr-a', 'rr-b', 'rr-c']) {
      await cluster.pods.create(pod(name));
      await running(cluster, name);
    }
    const nodes = await Promise.all(['rr-a', 'rr-b', 'rr-c'].map(async (n) => (await cluster.pods.get('default', n))?.spec?.nodeName));
    assert.deepEqual(new Set(nodes), new Set(['lab-node1', 'lab-node2']));
    assert.notEqual(nodes[0], nodes[1], 'consecutive pods go to different nodes');
    assert.equal(nodes[0], nodes[2]);
  });

  it('retries a failed sandbox with back-off until its NAD exists', async () => {
    await cluster.pods.create(pod('late', { networks: 'late-nad' }));
    const failed = await until('FailedCreatePodSandBox', async () => {
      const events = await cluster.events.listFor('default', 'late');
      return events.find((e) => e.reason === 'FailedCreatePodSandBox');
    });
    assert.match(failed.message ?? '', /late-nad/);
    assert.equal((await cluster.pods.get('default', 'late'))?.status?.phase, 'Pending');
    await cluster.nads.create({
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: 'late-nad', namespace: 'default' },
      spec: { config: JSON.stringify({ cniVersion: '0.4.0', type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '192.168.78.0/24' } }) },
    });
    const p = await running(cluster, 'late');
    assert.match(p.metadata?.annotations?.['k8s.v1.cni.cncf.io/network-status'] ?? '', /"net1"/);
    const failures = (await cluster.events.listFor('default', 'late')).filter((e) => e.reason === 'FailedCreatePodSandBox').length;
    assert.ok(failures < 8, `back-off, not a retry storm (${failures} failures)`);
  });

  it('finishes deleting a pod bound to a node that is not a lab node', async () => {
    await cluster.pods.create(pod('ghost', { nodeName: 'no-such-node' }));
    await cluster.pods.delete('default', 'ghost');
    await until('ghost gone', async () => ((await cluster.pods.get('default', 'ghost')) ? undefined : true));
  });

  it('a running pod force-deleted (grace 0) after a kubelet restart still has its sandbox removed', async () => {
    await cluster.pods.create(pod('forced'));
    const p = await running(cluster, 'forced');
    const netns = p.metadata?.annotations?.['lab.multusctl.dev/netns'] ?? '';
    const lease = `${t.dir}/nodes/${p.spec?.nodeName}/var/lib/cni/networks/lab-cluster/${p.status?.podIP}`;
    assert.ok(existsSync(netns) && existsSync(lease));
    // A new kubelet instance, which did not make this sandbox itself, learns it from the API.
    stop.abort();
    await runningKubelet;
    await startKubelet();
    await cluster.pods.delete('default', 'forced', { gracePeriodSeconds: 0 });
    await until('forced sandbox removed', async () => (existsSync(netns) || existsSync(lease) ? undefined : true));
  });

  it('a restarted kubelet re-creates a sandbox that disappeared and removes orphans', async () => {
    const before = await cluster.pods.get('default', 'rr-a');
    const netns = before?.metadata?.annotations?.['lab.multusctl.dev/netns'] ?? '';
    assert.ok(existsSync(netns));
    stop.abort();
    await runningKubelet;
    await deleteNetns(netns.split('/').pop()!);
    // Deleted while no kubelet runs: rr-c's namespace is now an orphan.
    const rrc = (await cluster.pods.get('default', 'rr-c'))?.metadata?.annotations?.['lab.multusctl.dev/netns'] ?? '';
    assert.ok(existsSync(rrc));
    await cluster.pods.delete('default', 'rr-c', { gracePeriodSeconds: 0 });
    await startKubelet();
    assert.equal(existsSync(rrc), false, 'the orphan is removed before the kubelet reports ready');
    await until('rr-a sandbox back', async () => (existsSync(netns) && (await cluster.pods.get('default', 'rr-a'))?.status?.phase === 'Running' ? true : undefined));
    assert.ok(lines.some((l) => l.startsWith('removed orphan sandbox')), lines.join('\n'));
  });
});
