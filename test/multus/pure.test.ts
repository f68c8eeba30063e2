import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMultusConfig, unsupportedKeysIn } from '../../src/multus/config.js';
import { delegateArgPairs, formatArgPairs, parseK8sArgs } from '../../src/multus/cni-args.js';
import { interfaceNameProblems, interfaceNames } from '../../src/multus/ifnames.js';
import { planDefaultRoutes, routeActionFor, stripDefaultRoutes } from '../../src/multus/default-route.js';
import { MultusError } from '../../src/multus/errors.js';
import { isCidr, isMac, ipVersion } from '../../src/multus/addresses.js';

test('multus config: defaults of every key (spec §2)', () => {
  const c = parseMultusConfig('{"cniVersion":"0.3.1","name":"multus-cni-network","type":"multus","clusterNetwork":"k8s-pod-network"}');
  assert.equal(c.confDir, '/etc/cni/multus/net.d');
  assert.equal(c.cniDir, '/var/lib/cni/multus');
  assert.equal(c.binDir, '/opt/cni/bin');
  assert.deepEqual(c.defaultNetworks, []);
  assert.deepEqual(c.systemNamespaces, ['kube-system']);
  assert.equal(c.multusNamespace, 'kube-system');
  assert.equal(c.namespaceIsolation, false);
  assert.deepEqual(c.globalNamespaces, ['default']);
  assert.equal(c.logToStderr, true);
  assert.equal(c.readinessIndicatorFile, undefined);
  assert.deepEqual(unsupportedKeysIn(c), []);
});

test('multus config: globalNamespaces is a comma list; unsupported keys are reported', () => {
  const c = parseMultusConfig(JSON.stringify({ clusterNetwork: 'x', globalNamespaces: 'a, b ,c', namespaceIsolation: true, retryDeleteOnError: true, readinessindicatorfile: '/r' }));
  assert.deepEqual(c.globalNamespaces, ['a', 'b', 'c']);
  assert.equal(c.namespaceIsolation, true);
  assert.equal(c.readinessIndicatorFile, '/r');
  assert.deepEqual(unsupportedKeysIn(c), ['retryDeleteOnError']);
});

test('multus config: bad JSON and missing delegates are errors with upstream wording', () => {
  assert.throws(() => parseMultusConfig('{'), (e: unknown) => e instanceof MultusError && /^LoadNetConf: failed to load netconf: /.test(e.message));
  assert.throws(() => parseMultusConfig('{"type":"multus"}'), /at least one delegate\/clusterNetwork must be specified/);
});

test('CNI_ARGS: parsed like libcni LoadArgs', () => {
  assert.deepEqual(parseK8sArgs('IgnoreUnknown=1;K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p;K8S_POD_INFRA_CONTAINER_ID=c;K8S_POD_UID=u;FOO=bar'), {
    namespace: 'ns',
    name: 'p',
    infraContainerId: 'c',
    uid: 'u',
  });
  assert.throws(() => parseK8sArgs('K8S_POD_NAME=p;FOO=bar'), /ARGS: unknown args \["FOO=bar"\]/);
  assert.throws(() => parseK8sArgs('K8S_POD_NAME'), /ARGS: invalid pair "K8S_POD_NAME"/);
});

test('delegate CNI_ARGS: multus pairs, runtime pairs merged (kubelet pairs twice), then MAC and IP', () => {
  const k8s = { namespace: 'ns', name: 'p', infraContainerId: 'c', uid: '' };
  const pairs = delegateArgPairs(k8s, 'IgnoreUnknown=1;K8S_POD_NAMESPACE=ns;K8S_POD_UID=u1;X=a=b;junk', { mac: '02:00:00:00:00:01', ips: ['10.0.0.2/24', 'fd00::2/64'] });
  assert.equal(
    formatArgPairs(pairs),
    'IgnoreUnknown=true;K8S_POD_NAMESPACE=ns;K8S_POD_NAME=p;K8S_POD_INFRA_CONTAINER_ID=c;K8S_POD_UID=u1;IgnoreUnknown=1;K8S_POD_NAMESPACE=ns;X=a=b;MAC=02:00:00:00:00:01;IP=10.0.0.2/24,fd00::2/64',
  );
});

test('interface names: master CNI_IFNAME, requested names, net<i> by position in the whole list', () => {
  const ds = [{ master: true, name: 'cluster' }, { master: false, name: 'a' }, { master: false, name: 'b', ifnameRequest: 'ext0' }, { master: false, name: 'c' }];
  assert.deepEqual(interfaceNames(ds, 'eth0'), ['eth0', 'net1', 'ext0', 'net3']);
  assert.deepEqual(interfaceNameProblems(ds, 'eth0'), []);
  const dup = [{ master: true, name: 'cluster' }, { master: false, name: 'ns/a', ifnameRequest: 'net2' }, { master: false, name: 'ns/b' }];
  assert.deepEqual(interfaceNameProblems(dup, 'eth0'), ['interface name "net2" is used by both ns/a and ns/b']);
});

test('default-route planning: flags every delegate except its own family; ECMP rejected', () => {
  const ds: Array<{ gatewayRequest?: string[]; filterV4Gateway?: boolean; filterV6Gateway?: boolean }> = [{}, { gatewayRequest: ['10.1.1.1'] }, {}];
  planDefaultRoutes(ds);
  assert.deepEqual(ds.map((d) => [d.filterV4Gateway, d.filterV6Gateway]), [[true, true], [false, true], [true, true]]);
  assert.deepEqual(routeActionFor(ds[1]!), { deleteDefaults: true, stripV4: true, stripV6: true, addGateways: ['10.1.1.1'] });
  assert.deepEqual(routeActionFor(ds[0]!), { deleteDefaults: true, stripV4: true, stripV6: true, addGateways: [] });
  assert.throws(() => planDefaultRoutes([{ gatewayRequest: ['10.1.1.1'] }, { gatewayRequest: ['10.2.2.1'] }]), /multus does not support ECMP for default-route/);
  const none: Array<{ gatewayRequest?: string[]; filterV4Gateway?: boolean }> = [{}, {}];
  planDefaultRoutes(none);
  assert.deepEqual(none.map((d) => d.filterV4Gateway), [undefined, undefined]);
  assert.deepEqual(routeActionFor(none[0]!), { deleteDefaults: false, stripV4: false, stripV6: false, addGateways: [] });
});

test('stripDefaultRoutes removes only the asked families from a cached result', () => {
  const r = { cniVersion: '1.0.0', routes: [{ dst: '0.0.0.0/0', gw: '10.0.0.1' }, { dst: '::/0' }, { dst: '10.9.0.0/16' }] };
  assert.deepEqual(stripDefaultRoutes(r, true, false).routes, [{ dst: '::/0' }, { dst: '10.9.0.0/16' }]);
  assert.equal(stripDefaultRoutes({ routes: [{ dst: '0.0.0.0/0' }] }, true, true).routes, undefined);
});

test('address syntax follows Go net package rules', () => {
  assert.equal(ipVersion('10.0.0.1'), 4);
  assert.equal(ipVersion('fd00::1'), 6);
  assert.equal(ipVersion('fe80::1%eth0'), 0);
  assert.ok(isCidr('10.0.0.0/8'));
  assert.ok(!isCidr('10.0.0.0/33'));
  assert.ok(isMac('c2:b0:57:49:47:f1'));
  assert.ok(isMac('c2-b0-57-49-47-f1'));
  assert.ok(isMac('c2b0.5749.47f1'));
  assert.ok(!isMac('c2:b0:57:49:47'));
  assert.ok(!isMac('c2:b0:57:49:47:f1:'));
});
