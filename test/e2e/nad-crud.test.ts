/** nad create/get/validate/list/delete end to end: the built CLI against the lab's real API server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { macvlanFlags, nadWorld, podWith, type NadWorld } from './nad-support.js';

describe('nad commands against the test API server', () => {
  let w: NadWorld;
  before(async () => {
    w = await nadWorld();
  });
  after(() => w.close());

  it('create from flags → get -o yaml → validate - → create -f - in another namespace', async () => {
    const created = await w.cli(['nad', 'create', 'mv-a', ...macvlanFlags()]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /networkattachmentdefinition default\/mv-a created/);
    const got = await w.cli(['nad', 'get', 'mv-a', '-o', 'yaml']);
    assert.equal(got.code, 0, got.stderr);
    const obj = parseYaml(got.stdout) as { kind: string; metadata: { name: string }; spec: { config: string } };
    assert.equal(obj.kind, 'NetworkAttachmentDefinition');
    assert.equal(JSON.parse(obj.spec.config).master, 'eth1');
    const validated = await w.cli(['nad', 'validate', '-', '-o', 'json'], { stdin: got.stdout });
    assert.equal(validated.code, 0, validated.stderr);
    assert.deepEqual(JSON.parse(validated.stdout).summary, { nads: 1, errors: 0, warnings: 0, infos: 0 });
    await w.cluster.namespaces.create('other');
    const copied = await w.cli(['nad', 'create', '-f', '-', '-n', 'other'], { stdin: got.stdout });
    assert.equal(copied.code, 0, copied.stderr);
    assert.equal((await w.cluster.nads.get('other', 'mv-a'))?.spec?.config, obj.spec.config);
    const json = await w.cli(['nad', 'get', 'mv-a', '-o', 'json']);
    assert.equal(JSON.parse(json.stdout).metadata.name, 'mv-a');
  });

  it('create with an error finding exits 1 and applies nothing; --dry-run prints the manifest only', async () => {
    const bad = await w.cli(['nad', 'create', 'mv-bad', '--type', 'macvlan', '--master', 'eth1', '--ipam', 'host-local', '--subnet', '10.61.0.0/24', '--range-end', '10.62.0.5']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /NAD007/);
    assert.match(bad.stderr, /nothing was applied/);
    assert.equal(await w.cluster.nads.get('default', 'mv-bad'), undefined);
    const dry = await w.cli(['nad', 'create', 'mv-dry', ...macvlanFlags('10.63.0.0/24'), '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal((parseYaml(dry.stdout) as { metadata: { name: string } }).metadata.name, 'mv-dry');
    const dryJson = await w.cli(['nad', 'create', 'mv-dry', ...macvlanFlags('10.63.0.0/24'), '--dry-run', '-o', 'json']);
    assert.equal(JSON.parse(dryJson.stdout).kind, 'NetworkAttachmentDefinition');
    assert.equal(await w.cluster.nads.get('default', 'mv-dry'), undefined);
  });

  it('list shows type, IPAM, subnet and the pods that reference each NAD', async () => {
    await w.cli(['nad', 'create', 'br-b', '--type', 'bridge', '--ipam', 'whereabouts', '--subnet', '10.64.0.0/24']);
    await w.cluster.pods.create(podWith('user1', 'mv-a'));
    await w.cluster.pods.create(podWith('user2', 'default/mv-a@net7'));
    await w.cluster.pods.create(podWith('user3', '[{"name":"mv-a","namespace":"default"}]', 'other'));
    const list = await w.cli(['nad', 'list', '-o', 'json']);
    assert.equal(list.code, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as Array<{ name: string; type: string; ipam: string; subnet: string; pods: string[] }>;
    assert.deepEqual(rows.map((r) => r.name), ['br-b', 'mv-a']);
    assert.deepEqual(rows[1], { namespace: 'default', name: 'mv-a', type: 'macvlan', ipam: 'host-local', subnet: '10.60.0.0/24', pods: ['default/user1', 'default/user2', 'other/user3'] });
    const table = await w.cli(['nad', 'list']);
    assert.match(table.stdout, /^NAME\s+TYPE\s+IPAM\s+SUBNET\s+PODS$/m);
    assert.match(table.stdout, /^mv-a\s+macvlan\s+host-local\s+10\.60\.0\.0\/24\s+3$/m);
    const all = await w.cli(['nad', 'list', '-A']);
    assert.match(all.stdout, /^other\s+mv-a\s+macvlan/m);
  });

  it('delete warns and refuses while pods use the NAD, --force deletes; a missing NAD exits 4', async () => {
    const refused = await w.cli(['nad', 'delete', 'mv-a']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /3 pods still reference default\/mv-a/);
    assert.ok(await w.cluster.nads.get('default', 'mv-a'));
    const forced = await w.cli(['nad', 'delete', 'mv-a', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(await w.cluster.nads.get('default', 'mv-a'), undefined);
    const unused = await w.cli(['nad', 'delete', 'br-b']);
    assert.equal(unused.code, 0, unused.stderr);
    const missing = await w.cli(['nad', 'get', 'mv-a']);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /no NetworkAttachmentDefinition mv-a in namespace default/);
  });

  it('validate without files lints the cluster: NAD012 against node pod CIDRs and --service-cidr, NAD010 against pods', async () => {
    await w.cluster.nodes.create({ metadata: { name: 'n1' }, spec: { podCIDR: '10.244.0.0/24' } });
    await w.cluster.nads.create({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'clash', namespace: 'default' }, spec: { config: JSON.stringify({ cniVersion: '1.0.0', type: 'bridge', ipam: { type: 'host-local', subnet: '10.244.0.0/16' } }) } });
    await w.cluster.pods.create(podWith('wants-ip', '[{"name":"clash","ips":["10.244.0.9/16"]}]'));
    const r = await w.cli(['nad', 'validate', '-o', 'json', '--service-cidr', '10.96.0.0/12']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: Array<{ id: string; nad: string; message: string }> };
    const clash = report.findings.filter((f) => f.nad === 'default/clash').map((f) => f.id).sort();
    assert.deepEqual(clash, ['NAD010', 'NAD012']);
    assert.ok(!report.findings.some((f) => f.nad === 'other/mv-a'), 'without -A only the namespace');
    const all = await w.cli(['nad', 'validate', '-A', '-o', 'json', '--service-cidr', '10.96.0.0/12']);
    assert.ok((JSON.parse(all.stdout) as { summary: { nads: number } }).summary.nads >= 2);
  });

  it('validate --node checks binaries and master interfaces on a node (local transport)', async () => {
    await w.cluster.nodes.create({ metadata: { name: 'here' } });
    const file = await w.file('node.yaml', 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: on-node\nspec:\n  config: \'{"cniVersion":"1.0.0","type":"macvlan","master":"nosuchif0","ipam":{"type":"no-such-ipam"}}\'\n');
    const r = await w.cli(['nad', 'validate', file, '--node', 'here', '--via', 'local', '--bin-dir', '/usr/lib/cni', '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const f = (JSON.parse(r.stdout) as { findings: Array<{ id: string; path: string }> }).findings.filter((x) => x.id === 'NAD011');
    assert.deepEqual(f.map((x) => x.path).sort(), ['spec.config.ipam.type', 'spec.config.master']);
  });
});
