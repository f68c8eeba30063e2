import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectPod } from '../../src/inspect/pod-inspect.js';
import { renderPodInspection } from '../../src/inspect/render-pod.js';
import { renderRouteDebug, formatRoute } from '../../src/inspect/render-route.js';
import { debugRoutes } from '../../src/inspect/route-debug.js';
import { parseLinks, parseRoutes, parseRules } from '../../src/node/ip-json.js';
import { makeColors } from '../../src/ui/colors.js';
import { Annotations } from '../../src/constants.js';
import type { V1Pod } from '../../src/k8s/types.js';

// Real `ip -j` output captured from a pod-like namespace (eth0 veth, net1 macvlan, net1 down).
const ADDR = '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"operstate":"UNKNOWN","link_type":"loopback","address":"00:00:00:00:00:00","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8,"scope":"host"}]},{"ifindex":2,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"operstate":"UP","link_type":"ether","address":"ae:5a:4b:4b:c6:2a","linkinfo":{"info_kind":"veth"},"addr_info":[{"family":"inet","local":"10.244.1.5","prefixlen":24,"scope":"global","label":"eth0"}]},{"ifindex":3,"link":"eth0","ifname":"net1","flags":["BROADCAST","MULTICAST"],"mtu":1500,"operstate":"DOWN","link_type":"ether","address":"16:ee:cb:dd:0e:08","linkinfo":{"info_kind":"macvlan","info_data":{"mode":"bridge"}},"addr_info":[{"family":"inet","local":"192.168.50.10","prefixlen":24,"scope":"global","label":"net1"}]}]';
const ROUTES = '[{"dst":"default","gateway":"10.244.1.1","dev":"eth0","flags":[]},{"dst":"10.244.1.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"10.244.1.5","flags":[]}]';
const RULES = '[{"priority":0,"src":"all","table":"local"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]';

const live = { links: parseLinks(ADDR), routes: parseRoutes(ROUTES), rules: parseRules(RULES, 4) };
const pod: V1Pod = {
  metadata: { namespace: 'default', name: 'web', annotations: { [Annotations.networks]: 'macvlan-conf', [Annotations.networkStatus]: JSON.stringify([{ name: 'default/macvlan-conf', interface: 'net1', ips: ['192.168.50.10'], mac: '16:ee:cb:dd:0e:08' }]) } },
  spec: { nodeName: 'n1', containers: [] },
};

test('pod inspect renders one row per interface and colours findings by severity', () => {
  const data = inspectPod({ pod, transport: 'lab', nads: new Map(), live });
  const plain = renderPodInspection(data, { colors: makeColors(false), wide: false });
  assert.match(plain, /^Pod default\/web on n1 \(read via lab\)/);
  assert.match(plain, /net1\s+default\/macvlan-conf\s+not found\s+macvlan\s+16:ee:cb:dd:0e:08\s+1500\s+down\s+192\.168\.50\.10\/24/);
  assert.match(plain, /error\s+interface-down\s+net1/);
  assert.doesNotMatch(plain, /\u001b\[/);
  const coloured = renderPodInspection(data, { colors: makeColors(true), wide: true });
  assert.ok(coloured.includes('\u001b[31mdown\u001b[39m'), 'down in red');
  assert.ok(coloured.includes('\u001b[31merror\u001b[39m'), 'error level in red');
  assert.match(coloured, /default via 10\.244\.1\.1 dev eth0/);
});

test('debug route renders rules, tables and the path', () => {
  const data = debugRoutes({ pod: { namespace: 'default', name: 'web' }, transport: 'ssh', live, networkStatus: [], clusterCidrs: [], serviceCidrs: [], lookup: { to: '8.8.8.8', result: { dst: '8.8.8.8', dev: 'eth0', gateway: '10.244.1.1', table: 'main', type: 'unicast' } } });
  const text = renderRouteDebug(data, { colors: makeColors(false), wide: false });
  assert.match(text, /32766\s+IPv4\s+all\s+all\s+main/);
  assert.match(text, /Table main:/);
  assert.match(text, /Path to 8\.8\.8\.8: via 10\.244\.1\.1 dev eth0, table main/);
  assert.match(text, /unknown: pass --service-cidr/);
  assert.equal(formatRoute(live.routes[1]!), '10.244.1.0/24 dev eth0 src 10.244.1.5');
});
