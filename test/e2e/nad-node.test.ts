/**
 * nad validate --node through the lab transport: a lab Node object whose network namespace is a
 * real one made here (unique prefix, removed after) and whose root holds an opt/cni/bin directory.
 * NAD011 reports the missing binary and the missing master; an existing one passes.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LAB_NODE_LABEL, LabAnnotations } from '../../src/constants.js';
import { runChecked } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';
import { NetnsFixture } from '../support/netns.js';
import { nadWorld, type NadWorld } from './nad-support.js';

const nadFile = (master: string, type: string) => `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: n-${type}\nspec:\n  config: '{"cniVersion":"1.0.0","type":"${type}","master":"${master}","mode":"bridge","ipam":{"type":"host-local","subnet":"10.90.0.0/24"}}'\n`;

describe('nad validate --node (lab transport, real netns)', () => {
  const fx = new NetnsFixture('nd');
  let w: NadWorld;
  let nodeName: string;
  before(async () => {
    w = await nadWorld();
    const ns = await fx.add('node');
    nodeName = `${fx.prefix}node`;
    const root = join(w.server.dir, 'node-root');
    mkdirSync(join(root, 'opt', 'cni', 'bin'), { recursive: true });
    for (const bin of ['bridge', 'host-local', 'macvlan']) writeFileSync(join(root, 'opt', 'cni', 'bin', bin), '#!/bin/sh\n', { mode: 0o755 });
    // A veth pair inside the node netns: "uplink0" exists there, "eth1" does not.
    await runChecked(inNetns(ns.path, ['ip', 'link', 'add', 'uplink0', 'type', 'veth', 'peer', 'name', 'uplink0p']));
    await w.cluster.nodes.create({ metadata: { name: nodeName, labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: ns.path, [LabAnnotations.root]: root } } });
  });
  after(async () => {
    await fx.cleanup();
    await w?.close();
  });

  it('reports a missing plugin binary and a master that the node does not have', async () => {
    const file = await w.file('ipv.yaml', nadFile('eth1', 'ipvlan').replace('"bridge"', '"l2"'));
    const r = await w.cli(['nad', 'validate', file, '--node', nodeName, '--via', 'lab', '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const f = (JSON.parse(r.stdout) as { findings: Array<{ id: string; path: string; message: string }> }).findings.filter((x) => x.id === 'NAD011');
    assert.deepEqual(f.map((x) => x.path), ['spec.config.type', 'spec.config.master']);
    assert.match(f[0]!.message, new RegExp(`ipvlan is missing in /opt/cni/bin on node ${nodeName}`));
  });

  it('passes when the binaries and the master exist there', async () => {
    const file = await w.file('mv.yaml', nadFile('uplink0', 'macvlan'));
    const r = await w.cli(['nad', 'validate', file, '--node', nodeName, '--via', 'lab', '-o', 'json']);
    const f = (JSON.parse(r.stdout) as { findings: Array<{ id: string }> }).findings.filter((x) => x.id === 'NAD011');
    assert.deepEqual(f, []);
    assert.equal(r.code, 0, r.stderr);
  });
});
