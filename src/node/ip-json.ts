/**
 * Parsers for iproute2's JSON output (`ip -j -d addr`, `ip -j route show table all`, `ip -j rule`,
 * `ip -j route get`): the one place multusctl reads a netns's live state, whatever the transport.
 * Shapes are small, stable and JSON-friendly (they appear in `-o json`).
 */

export interface LinkAddress {
  family: 4 | 6;
  /** The address without prefix. */
  local: string;
  prefixlen: number;
  /** "address/prefix". */
  cidr: string;
  scope: string;
}

export interface Link {
  index: number;
  name: string;
  /** The link kind from `-d` (veth, macvlan, bridge, ...); "loopback"/"ether" when none. */
  kind: string;
  /** The parent link (macvlan/ipvlan/vlan master) when iproute2 shows it. */
  parent?: string;
  mac?: string;
  mtu?: number;
  /** The kernel's operstate (UP, DOWN, LOWERLAYERDOWN, UNKNOWN...). */
  operstate: string;
  /** Administratively up (the UP flag). */
  up: boolean;
  /** Carrier (the LOWER_UP flag). */
  lowerUp: boolean;
  addresses: LinkAddress[];
}

export interface Nexthop {
  dev?: string;
  gateway?: string;
  weight?: number;
}

export interface Route {
  family: 4 | 6;
  /** "default" becomes 0.0.0.0/0 or ::/0; single addresses get their full prefix. */
  dst: string;
  /** Routing table name or number; "main" when iproute2 omits it. */
  table: string;
  type: string;
  dev?: string;
  gateway?: string;
  prefsrc?: string;
  metric?: number;
  protocol?: string;
  scope?: string;
  flags: string[];
  nexthops?: Nexthop[];
}

export interface Rule {
  family: 4 | 6;
  priority: number;
  /** "all" or a prefix. */
  src: string;
  dst?: string;
  table?: string;
  iif?: string;
  oif?: string;
  fwmark?: string;
  action?: string;
  not?: boolean;
}

export interface RouteLookup {
  dst: string;
  from?: string;
  dev?: string;
  gateway?: string;
  prefsrc?: string;
  table: string;
  type: string;
}

type Json = Record<string, unknown>;

function parseList(text: string, what: string): Json[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (err) {
    throw new Error(`cannot parse ${what} output as JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${what} output is not a JSON list`);
  return parsed.filter((x): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** 6 when the text looks like an IPv6 address or prefix, else 4. */
export function familyOf(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}

/** Parses `ip -j [-d] addr show`. */
export function parseLinks(text: string): Link[] {
  return parseList(text, 'ip addr').flatMap((l) => {
    const name = str(l.ifname);
    if (name === undefined) return [];
    const flags = strings(l.flags);
    const linkinfo = (typeof l.linkinfo === 'object' && l.linkinfo !== null ? l.linkinfo : {}) as Json;
    const addresses = (Array.isArray(l.addr_info) ? (l.addr_info as Json[]) : []).flatMap((a): LinkAddress[] => {
      const local = str(a.local);
      if (local === undefined) return [];
      const family = a.family === 'inet6' ? 6 : 4;
      const prefixlen = num(a.prefixlen) ?? (family === 6 ? 128 : 32);
      return [{ family, local, prefixlen, cidr: `${local}/${prefixlen}`, scope: str(a.scope) ?? 'global' }];
    });
    const link: Link = {
      index: num(l.ifindex) ?? 0,
      name,
      kind: str(linkinfo.info_kind) ?? str(l.link_type) ?? 'unknown',
      operstate: str(l.operstate) ?? 'UNKNOWN',
      up: flags.includes('UP'),
      lowerUp: flags.includes('LOWER_UP'),
      addresses,
    };
    const parent = str(l.link);
    if (parent) link.parent = parent;
    const mac = str(l.address);
    if (mac) link.mac = mac;
    const mtu = num(l.mtu);
    if (mtu !== undefined) link.mtu = mtu;
    return [link];
  });
}

function normaliseDst(dst: string | undefined, family: 4 | 6): string {
  if (dst === undefined || dst === 'default') return family === 6 ? '::/0' : '0.0.0.0/0';
  if (dst.includes('/')) return dst;
  return `${dst}/${family === 6 ? 128 : 32}`;
}

function routeFamily(r: Json): 4 | 6 {
  for (const key of ['dst', 'gateway', 'prefsrc']) {
    const v = str(r[key]);
    if (v && v !== 'default') return familyOf(v);
  }
  // A default route with only nexthops.
  for (const n of Array.isArray(r.nexthops) ? (r.nexthops as Json[]) : []) {
    const gw = str(n.gateway);
    if (gw) return familyOf(gw);
  }
  return 4;
}

/**
 * Parses `ip -j route show table all` (or any `ip -j route show`). `family` is used when the output
 * came from `ip -6` and a route carries no address to tell (e.g. `default dev net1`).
 */
export function parseRoutes(text: string, family?: 4 | 6): Route[] {
  return parseList(text, 'ip route').map((r) => {
    const fam = family ?? routeFamily(r);
    const route: Route = {
      family: fam,
      dst: normaliseDst(str(r.dst), fam),
      table: str(r.table) ?? 'main',
      type: str(r.type) ?? 'unicast',
      flags: strings(r.flags),
    };
    for (const key of ['dev', 'gateway', 'prefsrc', 'protocol', 'scope'] as const) {
      const v = str(r[key]);
      if (v !== undefined) route[key] = v;
    }
    const metric = num(r.metric);
    if (metric !== undefined) route.metric = metric;
    if (Array.isArray(r.nexthops)) {
      route.nexthops = (r.nexthops as Json[]).map((n) => {
        const hop: Nexthop = {};
        const dev = str(n.dev);
        const gateway = str(n.gateway);
        const weight = num(n.weight);
        if (dev) hop.dev = dev;
        if (gateway) hop.gateway = gateway;
        if (weight !== undefined) hop.weight = weight;
        return hop;
      });
    }
    return route;
  });
}

/** Parses `ip -j [-6] rule`; `family` says which one was asked (the output does not). */
export function parseRules(text: string, family: 4 | 6): Rule[] {
  return parseList(text, 'ip rule').map((r) => {
    const src = str(r.src) ?? 'all';
    const srclen = num(r.srclen);
    const rule: Rule = { family, priority: num(r.priority) ?? 0, src: srclen !== undefined && src !== 'all' ? `${src}/${srclen}` : src };
    const dst = str(r.dst);
    if (dst) rule.dst = num(r.dstlen) !== undefined ? `${dst}/${num(r.dstlen)}` : dst;
    for (const key of ['table', 'iif', 'oif', 'fwmark', 'action'] as const) {
      const v = str(r[key]) ?? (typeof r[key] === 'number' ? String(r[key]) : undefined);
      if (v !== undefined) rule[key] = v;
    }
    if (r.not === null || r.not === true) rule.not = true;
    return rule;
  });
}

/** Parses `ip -j route get DEST`: the one route the kernel would use. */
export function parseRouteGet(text: string): RouteLookup {
  const [first] = parseList(text, 'ip route get');
  if (!first) throw new Error('ip route get returned no route');
  const lookup: RouteLookup = { dst: str(first.dst) ?? '', table: str(first.table) ?? 'main', type: str(first.type) ?? 'unicast' };
  for (const key of ['from', 'dev', 'gateway', 'prefsrc'] as const) {
    const v = str(first[key]);
    if (v !== undefined) lookup[key] = v;
  }
  return lookup;
}

/** True for a default route (0.0.0.0/0 or ::/0). */
export function isDefaultRoute(route: Pick<Route, 'dst'>): boolean {
  return route.dst === '0.0.0.0/0' || route.dst === '::/0';
}

/** The devices a route leaves by (its own, or each nexthop's). */
export function routeDevices(route: Pick<Route, 'dev' | 'nexthops'>): string[] {
  if (route.nexthops && route.nexthops.length > 0) return route.nexthops.flatMap((n) => (n.dev ? [n.dev] : []));
  return route.dev ? [route.dev] : [];
}
