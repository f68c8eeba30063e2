import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { multusConfigFromObject } from '../../src/multus/config.js';
import { resolveDelegates } from '../../src/multus/resolve.js';
import { MultusError } from '../../src/multus/errors.js';
import { MemoryMultusApi } from '../support/multus-api.js';
import { Annotations } from '../../src/constants.js';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'multus-resolve-'));
  test.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const bridgeList = { cniVersion: '1.0.0', name: 'cbr0', plugins: [{ type: 'bridge', bridge: 'cni0', ipam: { type: 'host-local', subnet: '10.244.0.0/24' } }] };
const macvlan = { cniVersion: '1.0.0', type: 'macvlan', master: 'eth0', ipam: { type: 'static' } };

function setup() {
  const dir = tempDir();
  const confDir = join(dir, 'multus.d');
  mkdirSync(confDir);
  writeFileSync(join(confDir, '10-cbr0.conflist'), JSON.stringify(bridgeList));
  writeFileSync(join(confDir, '20-filenet.conf'), JSON.stringify({ cniVersion: '1.0.0', name: 'filenet', type: 'macvlan', master: 'eth1' }));
  const api = new MemoryMultusApi();
  return { dir, confDir, api };
}

test('clusterNetwork as a confDir name, then a NAD from the annotation (name = ns/nad, net1)', async () => {
  const { confDir, api } = setup();
  api.addNad('default', 'macvlan-conf', macvlan);
  const pod = api.addPod('default', 'p', { [Annotations.networks]: 'macvlan-conf' });
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir, cniVersion: '1.0.0' });
  const { delegates } = await resolveDelegates({ config, api, pod });
  assert.deepEqual(delegates.map((d) => [d.name, d.master, d.isConfList]), [['cbr0', true, true], ['default/macvlan-conf', false, false]]);
  // A NAD config without a name is named after the NAD.
  assert.equal(delegates[1]!.config.name, 'macvlan-conf');
  // confDir fallback after a NAD miss in multusNamespace does not spam a NoNetworkFound event.
  assert.deepEqual(api.events, []);
});

test('clusterNetwork as a NAD in multusNamespace wins over confDir, and is named ns/nad', async () => {
  const { confDir, api } = setup();
  api.addNad('kube-system', 'cbr0', { ...bridgeList, name: 'cbr0' });
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir });
  const { delegates } = await resolveDelegates({ config, api, pod: api.addPod('default', 'p') });
  assert.equal(delegates[0]!.name, 'kube-system/cbr0');
  assert.equal(delegates[0]!.origin, 'NAD kube-system/cbr0');
});

test('clusterNetwork as a file path and as a directory', async () => {
  const { confDir, api } = setup();
  const cfgFile = multusConfigFromObject({ clusterNetwork: join(confDir, '20-filenet.conf') });
  assert.equal((await resolveDelegates({ config: cfgFile, api })).delegates[0]!.name, 'filenet');
  const cfgDir = multusConfigFromObject({ clusterNetwork: confDir });
  assert.equal((await resolveDelegates({ config: cfgDir })).delegates[0]!.name, 'cbr0');
  const missing = multusConfigFromObject({ clusterNetwork: join(confDir, 'nope.conf') });
  await assert.rejects(resolveDelegates({ config: missing }), /failed to get clusterNetwork\/defaultNetworks: GetDefaultNetworks: failed to get clusterNetwork .*nope.conf in namespace kube-system/);
});

test('missing NAD: the spec error chain and a NoNetworkFound warning event', async () => {
  const { confDir, api } = setup();
  const pod = api.addPod('default', 'p', { [Annotations.networks]: 'nope' });
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir });
  await assert.rejects(resolveDelegates({ config, api, pod, event: (type, reason, message) => api.events.push({ pod: 'default/p', type, reason, message }) }), (err: unknown) => {
    assert.ok(err instanceof MultusError);
    assert.equal(
      err.message,
      'error loading k8s delegates k8s args: TryLoadPodDelegates: error in getting k8s network for pod: GetNetworkDelegates: failed getting the delegate: getKubernetesDelegate: cannot find a network-attachment-definition (nope) in namespace (default): network-attachment-definitions.k8s.cni.cncf.io "nope" not found',
    );
    assert.equal(err.kind, 'not-found');
    return true;
  });
  assert.deepEqual(api.events.map((e) => [e.type, e.reason]), [['Warning', 'NoNetworkFound']]);
});

test('empty-spec NAD is read from confDir by its name; a conflist NAD stays a conflist', async () => {
  const { confDir, api } = setup();
  api.addNad('default', 'filenet', undefined);
  api.addNad('default', 'chain', { cniVersion: '1.0.0', plugins: [{ type: 'macvlan', master: 'eth0' }, { type: 'tuning' }] });
  const pod = api.addPod('default', 'p', { [Annotations.networks]: 'filenet,chain' });
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir });
  const { delegates } = await resolveDelegates({ config, api, pod });
  assert.equal(delegates[1]!.config.master, 'eth1');
  assert.match(delegates[1]!.origin, /empty spec: .*20-filenet.conf/);
  assert.equal(delegates[2]!.isConfList, true);
  assert.equal(delegates[2]!.config.name, 'chain');
  api.addNad('default', 'ghost', undefined);
  const pod2 = api.addPod('default', 'p2', { [Annotations.networks]: 'ghost' });
  await assert.rejects(resolveDelegates({ config, api, pod: pod2 }), /GetCNIConfig: err in GetCNIConfigFromFile: no network available in the name ghost in cni dir/);
});

test('default-network annotation replaces the master (namespace defaults to multusNamespace); two are an error', async () => {
  const { confDir, api } = setup();
  api.addNad('kube-system', 'alt', { cniVersion: '1.0.0', type: 'ptp' });
  const pod = api.addPod('default', 'p', { [Annotations.defaultNetwork]: 'alt' });
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir });
  const { delegates } = await resolveDelegates({ config, api, pod });
  assert.deepEqual(delegates.map((d) => [d.name, d.master]), [['kube-system/alt', true]]);
  const pod2 = api.addPod('default', 'p2', { [Annotations.defaultNetwork]: 'alt,alt' });
  await assert.rejects(resolveDelegates({ config, api, pod: pod2 }), /more than one default network is specified: alt,alt/);
});

test('defaultNetworks apply except in systemNamespaces (annotation networks still apply there)', async () => {
  const { confDir, api } = setup();
  api.addNad('kube-system', 'extra', macvlan);
  api.addNad('kube-system', 'mine', macvlan);
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir, defaultNetworks: ['extra'] });
  const normal = await resolveDelegates({ config, api, pod: api.addPod('default', 'p') });
  assert.deepEqual(normal.delegates.map((d) => d.name), ['cbr0', 'kube-system/extra']);
  const sys = await resolveDelegates({ config, api, pod: api.addPod('kube-system', 's', { [Annotations.networks]: 'mine' }) });
  assert.deepEqual(sys.delegates.map((d) => d.name), ['cbr0', 'kube-system/mine']);
});

test('namespaceIsolation: other namespaces refused unless global', async () => {
  const { confDir, api } = setup();
  api.addNad('other', 'm', macvlan);
  api.addNad('default', 'g', macvlan);
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir, namespaceIsolation: true });
  const bad = api.addPod('team', 'p', { [Annotations.networks]: 'other/m' });
  await assert.rejects(
    resolveDelegates({ config, api, pod: bad }),
    /GetNetworkDelegates: namespace isolation enabled, annotation violates permission, pod is in namespace team but refers to target namespace other/,
  );
  const ok = api.addPod('team', 'q', { [Annotations.networks]: 'default/g' });
  assert.equal((await resolveDelegates({ config, api, pod: ok })).delegates.length, 2);
});

test('cni-args merge into args.cni (element wins), into every plugin of a conflist; requests copied', async () => {
  const { confDir, api } = setup();
  api.addNad('default', 'm', { ...macvlan, args: { cni: { keep: 1, over: 'nad' } } });
  api.addNad('default', 'l', { cniVersion: '1.0.0', plugins: [{ type: 'macvlan' }, { type: 'tuning' }] });
  const annotation = JSON.stringify([
    { name: 'm', 'cni-args': { over: 'pod', extra: true }, ips: ['10.1.1.9/24'], mac: '02:00:00:00:00:09', interface: 'ext0', 'default-route': ['10.1.1.1'] },
    { name: 'l', 'cni-args': { a: 'b' } },
  ]);
  const pod = api.addPod('default', 'p', { [Annotations.networks]: annotation });
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir });
  const { delegates } = await resolveDelegates({ config, api, pod });
  const m = delegates[1]!;
  assert.deepEqual(m.config.args, { cni: { keep: 1, over: 'pod', extra: true } });
  assert.deepEqual([m.ifnameRequest, m.macRequest, m.ipRequest, m.gatewayRequest], ['ext0', '02:00:00:00:00:09', ['10.1.1.9/24'], ['10.1.1.1']]);
  assert.deepEqual((delegates[2]!.config.plugins as Array<Record<string, unknown>>).map((p) => p.args), [{ cni: { a: 'b' } }, { cni: { a: 'b' } }]);
  // default-route flags: the master loses its default routes; the requester keeps v4.
  assert.deepEqual(delegates.map((d) => [d.filterV4Gateway, d.filterV6Gateway]), [[true, true], [false, true], [true, true]]);
});

test('no API client: clusterNetwork by confDir name still resolves, annotations are not read', async () => {
  const { confDir } = setup();
  const config = multusConfigFromObject({ clusterNetwork: 'cbr0', confDir });
  const { delegates } = await resolveDelegates({ config });
  assert.deepEqual(delegates.map((d) => d.name), ['cbr0']);
});
