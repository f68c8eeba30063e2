/**
 * `debug route`: a pod's routing tables and rules, the path one destination takes, and warnings
 * (more than one default route, a NAD route shadowing the cluster or service CIDR, a gateway
 * outside every connected subnet, asymmetric source routing without sbr). Pure.
 */
import { isDefaultRoute, routeDevices, type Route, type RouteLookup, type Rule } from '../node/ip-json.js';
import type { NetworkStatus } from '../multus/network-status.js';
import { cidrContains, cidrsOverlap, networkOf } from './cidr.js';
import type { Finding } from './findings.js';
import type { NetnsState } from './live.js';

export const RouteWarning = {
  multipleDefaultRoutes: 'multiple-default-routes',
  shadowsClusterCidr: 'shadows-cluster-cidr',
  shadowsServiceCidr: 'shadows-service-cidr',
  gatewayOutsideSubnets: 'gateway-outside-subnets',
  asymmetricRouting: 'asymmetric-routing',
} as const;

export interface RouteTable {
  table: string;
  routes: Route[];
}

export interface PathLookup extends RouteLookup {
  /** What was asked. */
  to: string;
  /** The network (network-status name) of the interface the packet leaves by. */
  network?: string;
}

export interface RouteDebug {
  pod: { namespace: string; name: string; node?: string };
  transport: string;
  /** The pod's default-network interface (network-status `default`, else eth0). */
  defaultInterface: string;
  /** Interface → network name, from network-status. */
  interfaces: Array<{ name: string; network?: string; addresses: string[] }>;
  tables: RouteTable[];
  rules: Rule[];
  clusterCidrs: string[];
  serviceCidrs: string[];
  lookup?: PathLookup;
  warnings: Finding[];
}

export interface RouteDebugInput {
  pod: RouteDebug['pod'];
  transport: string;
  live: NetnsState;
  networkStatus: readonly NetworkStatus[];
  /** Networks whose NAD chains the sbr plugin, by network-status name (namespace/name). */
  sbrNetworks?: ReadonlySet<string>;
  clusterCidrs: string[];
  serviceCidrs: string[];
  lookup?: { to: string; result: RouteLookup };
}

const TABLE_ORDER = ['main', 'local', 'default'];

function tablesOf(routes: readonly Route[]): RouteTable[] {
  const names = [...new Set(routes.map((r) => r.table))].sort((a, b) => {
    const ia = TABLE_ORDER.indexOf(a);
    const ib = TABLE_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a.localeCompare(b, 'en', { numeric: true });
  });
  return names.map((table) => ({ table, routes: routes.filter((r) => r.table === table) }));
}

const unicast = (r: Route): boolean => r.type === 'unicast' && r.table !== 'local';

function multipleDefaults(tables: readonly RouteTable[]): Finding[] {
  const out: Finding[] = [];
  for (const t of tables) {
    for (const family of [4, 6] as const) {
      const defaults = t.routes.filter((r) => unicast(r) && r.family === family && isDefaultRoute(r));
      if (defaults.length > 1) {
        const list = defaults.map((r) => `via ${r.gateway ?? 'link'} dev ${routeDevices(r).join(',')}${r.metric !== undefined ? ` metric ${r.metric}` : ''}`).join('; ');
        out.push({ id: RouteWarning.multipleDefaultRoutes, level: 'warning', message: `table ${t.table} has ${defaults.length} IPv${family} default routes (${list})` });
      }
    }
  }
  return out;
}

function shadowing(routes: readonly Route[], defaultIf: string, cidrs: readonly string[], id: string, what: string, networkOf: (dev: string) => string | undefined): Finding[] {
  const out: Finding[] = [];
  for (const r of routes.filter((x) => unicast(x) && !isDefaultRoute(x))) {
    const devs = routeDevices(r).filter((d) => d !== defaultIf && d !== 'lo');
    if (devs.length === 0) continue;
    for (const cidr of cidrs) {
      if (!cidrsOverlap(r.dst, cidr)) continue;
      const network = networkOf(devs[0]!);
      out.push({
        id,
        level: 'warning',
        interface: devs[0]!,
        ...(network ? { network } : {}),
        message: `route ${r.dst}${r.gateway ? ` via ${r.gateway}` : ''} dev ${devs.join(',')} (table ${r.table}${network ? `, from ${network}` : ''}) overlaps the ${what} ${cidr}: that traffic leaves by ${devs.join(',')} instead of ${defaultIf}`,
      });
    }
  }
  return out;
}

function gatewaysOutside(routes: readonly Route[], subnets: readonly string[], defaultIf: string): Finding[] {
  const out: Finding[] = [];
  for (const r of routes.filter(unicast)) {
    // An onlink gateway on the cluster interface is a CNI's design (Calico's 169.254.1.1).
    if (r.flags.includes('onlink') && routeDevices(r).includes(defaultIf)) continue;
    const hops = r.nexthops && r.nexthops.length > 0 ? r.nexthops : [{ gateway: r.gateway, dev: r.dev }];
    for (const hop of hops) {
      const gw = hop.gateway;
      if (!gw || gw.toLowerCase().startsWith('fe80:')) continue;
      if (subnets.some((s) => cidrContains(s, gw))) continue;
      out.push({ id: RouteWarning.gatewayOutsideSubnets, level: 'warning', ...(hop.dev ? { interface: hop.dev } : {}), message: `route ${r.dst} (table ${r.table}) has gateway ${gw}, outside every connected subnet (${subnets.join(', ') || 'none'})` });
    }
  }
  return out;
}

function asymmetric(input: RouteDebugInput, defaultIf: string, mainDefaultDevs: string[], networkOf: (dev: string) => string | undefined): Finding[] {
  const out: Finding[] = [];
  for (const link of input.live.links) {
    if (link.name === defaultIf || link.kind === 'loopback') continue;
    const addrs = link.addresses.filter((a) => a.scope === 'global');
    if (addrs.length === 0 || mainDefaultDevs.length === 0 || mainDefaultDevs.includes(link.name)) continue;
    const status = input.networkStatus.find((s) => s.interface === link.name);
    const hasGatewayRoute = input.live.routes.some((r) => unicast(r) && r.gateway && routeDevices(r).includes(link.name));
    if (!hasGatewayRoute && !(status?.gateway && status.gateway.length > 0)) continue;
    const ruled = input.live.rules.some((rule) => rule.src !== 'all' && addrs.some((a) => cidrContains(rule.src, a.local)));
    if (ruled) continue;
    const network = networkOf(link.name);
    const sbr = network !== undefined && input.sbrNetworks?.has(network);
    out.push({
      id: RouteWarning.asymmetricRouting,
      level: 'warning',
      interface: link.name,
      ...(network ? { network } : {}),
      message: `${link.name} (${addrs.map((a) => a.local).join(', ')}) has off-subnet routes but no source rule: replies to peers beyond its routes leave by ${mainDefaultDevs.join(',')} (asymmetric routing)${sbr ? '; the NAD chains sbr, yet no rule is installed' : '; add the sbr plugin to the NAD'}`,
    });
  }
  return out;
}

export function debugRoutes(input: RouteDebugInput): RouteDebug {
  const { live } = input;
  const defaultInterface = input.networkStatus.find((s) => s.default && s.interface)?.interface ?? 'eth0';
  const networkOfDev = (dev: string): string | undefined => input.networkStatus.find((s) => s.interface === dev)?.name;
  const tables = tablesOf(live.routes);
  const subnets = [...new Set(live.links.flatMap((l) => l.addresses.filter((a) => a.scope !== 'host').map((a) => networkOf(a.cidr))))];
  const mainDefaultDevs = [...new Set(live.routes.filter((r) => r.table === 'main' && unicast(r) && isDefaultRoute(r) && r.family === 4).flatMap(routeDevices))];
  const warnings = [
    ...multipleDefaults(tables),
    ...shadowing(live.routes, defaultInterface, input.clusterCidrs, RouteWarning.shadowsClusterCidr, 'cluster CIDR', networkOfDev),
    ...shadowing(live.routes, defaultInterface, input.serviceCidrs, RouteWarning.shadowsServiceCidr, 'service CIDR', networkOfDev),
    ...gatewaysOutside(live.routes, subnets, defaultInterface),
    ...asymmetric(input, defaultInterface, mainDefaultDevs, networkOfDev),
  ];
  const result: RouteDebug = {
    pod: input.pod,
    transport: input.transport,
    defaultInterface,
    interfaces: live.links
      .filter((l) => l.kind !== 'loopback')
      .map((l) => ({ name: l.name, ...(networkOfDev(l.name) ? { network: networkOfDev(l.name) } : {}), addresses: l.addresses.filter((a) => a.scope !== 'link').map((a) => a.cidr) })),
    tables,
    rules: live.rules,
    clusterCidrs: input.clusterCidrs,
    serviceCidrs: input.serviceCidrs,
    warnings,
  };
  if (input.lookup) {
    const network = input.lookup.result.dev ? networkOfDev(input.lookup.result.dev) : undefined;
    result.lookup = { to: input.lookup.to, ...input.lookup.result, ...(network ? { network } : {}) };
  }
  return result;
}
