import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { ip, makePodNetns } from '../support/pod-netns.js';
import { isDefaultRoute, parseLinks, parseRouteGet, parseRoutes, parseRules, routeDevices } from '../../src/node/ip-json.js';
import { parseDefaultRoutes, parseIpAddr } from '../../src/smoke/live.js';

test('parsers read real iproute2 output from a namespace this test builds', { skip: NETNS_SKIP }, async () => {
  const fx = new NetnsFixture('mj');
  try {
    const pod = await makePodNetns(fx, 'a');
    await ip(pod.name, '-6', 'addr', 'add', 'fd00:50::10/64', 'dev', 'net1', 'nodad');
    await ip(pod.name, 'route', 'add', '10.96.0.0/12', 'via', '192.168.50.1', 'table', '100');
    await ip(pod.name, 'route', 'add', '198.51.100.0/24', 'nexthop', 'via', '10.244.1.1', 'dev', 'eth0', 'nexthop', 'via', '192.168.50.1', 'dev', 'net1');
    await ip(pod.name, 'rule', 'add', 'from', '192.168.50.0/24', 'table', '100', 'priority', '100');
    await ip(pod.name, 'link', 'set', 'net1', 'mtu', '1400');

    const links = parseLinks(await ip(pod.name, '-j', '-d', 'addr', 'show'));
    assert.deepEqual(links.map((l) => l.name), ['lo', 'eth0', 'net1']);
    const eth0 = links.find((l) => l.name === 'eth0')!;
    const net1 = links.find((l) => l.name === 'net1')!;
    assert.equal(eth0.kind, 'veth');
    assert.equal(net1.kind, 'macvlan');
    assert.equal(net1.parent, 'eth0');
    assert.equal(net1.mtu, 1400);
    assert.match(net1.mac!, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    assert.equal(net1.up, true);
    assert.deepEqual(net1.addresses.filter((a) => a.scope === 'global').map((a) => a.cidr), ['192.168.50.10/24', 'fd00:50::10/64']);
    assert.equal(links[0]!.kind, 'loopback');

    const routes = parseRoutes(await ip(pod.name, '-j', 'route', 'show', 'table', 'all'));
    const defaults = routes.filter((r) => isDefaultRoute(r) && r.table === 'main');
    assert.deepEqual(defaults.map((r) => [r.family, r.dev, r.gateway]), [[4, 'eth0', '10.244.1.1']]);
    const t100 = routes.filter((r) => r.table === '100');
    assert.deepEqual(t100.map((r) => [r.dst, r.gateway, r.dev]), [['10.96.0.0/12', '192.168.50.1', 'net1']]);
    const ecmp = routes.find((r) => r.dst === '198.51.100.0/24')!;
    assert.deepEqual(routeDevices(ecmp), ['eth0', 'net1']);
    assert.ok(routes.some((r) => r.family === 6 && r.dst === 'fd00:50::/64' && r.dev === 'net1'));
    assert.ok(routes.some((r) => r.table === 'local' && r.type === 'local' && r.dst === '10.244.1.5/32'));

    const rules = parseRules(await ip(pod.name, '-j', 'rule', 'show'), 4);
    assert.deepEqual(rules.map((r) => [r.priority, r.src, r.table]), [[0, 'all', 'local'], [100, '192.168.50.0/24', '100'], [32766, 'all', 'main'], [32767, 'all', 'default']]);
    assert.ok(parseRules(await ip(pod.name, '-j', '-6', 'rule', 'show'), 6).every((r) => r.family === 6));

    const viaRule = parseRouteGet(await ip(pod.name, '-j', 'route', 'get', '10.96.0.1', 'from', '192.168.50.10'));
    assert.deepEqual([viaRule.dev, viaRule.gateway, viaRule.table], ['net1', '192.168.50.1', '100']);
    const viaMain = parseRouteGet(await ip(pod.name, '-j', 'route', 'get', '203.0.113.9'));
    assert.deepEqual([viaMain.dev, viaMain.gateway, viaMain.table, viaMain.prefsrc], ['eth0', '10.244.1.1', 'main', '10.244.1.5']);

    // smoke's view goes through the same parser.
    const smoke = parseIpAddr(await ip(pod.name, '-j', 'addr', 'show'));
    assert.deepEqual(smoke.find((l) => l.name === 'net1')!.addresses, ['192.168.50.10/24', 'fd00:50::10/64']);
    assert.deepEqual(parseDefaultRoutes(await ip(pod.name, '-j', '-4', 'route', 'show', 'default'), 4), [{ family: 4, dev: 'eth0', gateway: '10.244.1.1' }]);
  } finally {
    await fx.cleanup();
    assert.deepEqual(fx.leftovers(), []);
  }
});

test('parsers: empty output, bad JSON, defaults and prefixes', () => {
  assert.deepEqual(parseLinks(''), []);
  assert.throws(() => parseLinks('{"x":'), /cannot parse ip addr output/);
  assert.throws(() => parseRoutes('{}'), /not a JSON list/);
  const [r] = parseRoutes('[{"dst":"default","dev":"net1","flags":[]}]', 6);
  assert.deepEqual([r!.dst, r!.family, r!.table, r!.type], ['::/0', 6, 'main', 'unicast']);
  const [h] = parseRoutes('[{"dst":"10.0.0.1","dev":"eth0","flags":[]}]');
  assert.equal(h!.dst, '10.0.0.1/32');
  assert.throws(() => parseRouteGet('[]'), /no route/);
});
