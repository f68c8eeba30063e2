import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { ip, makePodNetns } from '../support/pod-netns.js';
import { readNetnsState } from '../../src/inspect/live.js';
import { debugRoutes, type RouteDebugInput } from '../../src/inspect/route-debug.js';
import { IpArgv } from '../../src/node/commands.js';
import { parseRouteGet } from '../../src/node/ip-json.js';
import { runLocal } from '../../src/node/transports/local.js';
import { inNetns } from '../../src/sys/netns.js';

const STATUS = [
  { name: 'lab-cluster', interface: 'eth0', ips: ['10.244.1.5'], default: true as const, dns: {} },
  { name: 'default/macvlan-conf', interface: 'net1', ips: ['192.168.50.10'], dns: {} },
];

test('debug route: tables, rules, the path of a destination and each warning, on a real namespace', { skip: NETNS_SKIP }, async () => {
  const fx = new NetnsFixture('mr');
  try {
    const ns = await makePodNetns(fx, 'p');
    const run = (argv: readonly string[]) => runLocal(inNetns(ns.path, argv));
    const analyse = async (extra: Partial<RouteDebugInput> = {}) =>
      debugRoutes({
        pod: { namespace: 'default', name: 'web' },
        transport: 'local',
        live: await readNetnsState(run, 'pod'),
        networkStatus: STATUS,
        clusterCidrs: ['10.244.0.0/16'],
        serviceCidrs: ['10.96.0.0/12'],
        ...extra,
      });

    const clean = await analyse();
    assert.deepEqual(clean.warnings, []);
    assert.equal(clean.defaultInterface, 'eth0');
    assert.deepEqual(clean.tables.map((t) => t.table), ['main', 'local']);
    assert.ok(clean.rules.some((r) => r.table === 'main' && r.priority === 32766));

    // A NAD route into the service CIDR, by net1, without a source rule.
    await ip(ns.name, 'route', 'add', '10.96.0.0/12', 'via', '192.168.50.1', 'dev', 'net1');
    const get = parseRouteGet((await run(IpArgv.routeGet('10.96.0.1'))).stdout);
    const shadow = await analyse({ lookup: { to: '10.96.0.1', result: get } });
    assert.deepEqual(shadow.warnings.map((w) => [w.id, w.interface]), [['shadows-service-cidr', 'net1'], ['asymmetric-routing', 'net1']]);
    assert.deepEqual([shadow.lookup!.dev, shadow.lookup!.gateway, shadow.lookup!.network], ['net1', '192.168.50.1', 'default/macvlan-conf']);
    assert.match(shadow.warnings[1]!.message, /add the sbr plugin/);
    assert.match((await analyse({ sbrNetworks: new Set(['default/macvlan-conf']) })).warnings[1]!.message, /chains sbr, yet no rule/);

    // Source-based routing (what sbr installs) removes the asymmetry warning.
    await ip(ns.name, 'route', 'add', 'default', 'via', '192.168.50.1', 'dev', 'net1', 'table', '100');
    await ip(ns.name, 'rule', 'add', 'from', '192.168.50.10', 'table', '100');
    const sbr = await analyse();
    assert.deepEqual(sbr.warnings.map((w) => w.id), ['shadows-service-cidr']);
    assert.deepEqual(sbr.tables.map((t) => t.table), ['main', 'local', '100']);

    // Into the cluster CIDR, a second default route, and a gateway outside every subnet.
    await ip(ns.name, 'route', 'add', '10.244.128.0/17', 'via', '192.168.50.1', 'dev', 'net1');
    await ip(ns.name, 'route', 'add', 'default', 'via', '192.168.50.1', 'dev', 'net1', 'metric', '10');
    await ip(ns.name, 'route', 'add', '198.51.100.1', 'dev', 'net1', 'scope', 'link');
    await ip(ns.name, 'route', 'add', '203.0.113.0/24', 'via', '198.51.100.1', 'dev', 'net1');
    const all = await analyse();
    assert.deepEqual(all.warnings.map((w) => w.id).sort(), ['gateway-outside-subnets', 'multiple-default-routes', 'shadows-cluster-cidr', 'shadows-service-cidr']);
    assert.match(all.warnings.find((w) => w.id === 'gateway-outside-subnets')!.message, /203\.0\.113\.0\/24 .*gateway 198\.51\.100\.1/);
  } finally {
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  }
});
