/**
 * The `k8s.v1.cni.cncf.io/network-status` annotation: built from delegate results the way
 * upstream's CreateNetworkStatuses does, written in the same text form, and read back tolerantly.
 * Deliberate difference: a default route without a gateway is not written as "<nil>".
 */

/** A CNI 1.0 result, the shape network-status is built from (convert older results first). */
export interface CurrentResult {
  cniVersion?: string;
  interfaces?: Array<{ name: string; mac?: string; mtu?: number; sandbox?: string }>;
  ips?: Array<{ address: string; gateway?: string; interface?: number }>;
  routes?: Array<{ dst: string; gw?: string }>;
  dns?: { nameservers?: string[]; domain?: string; search?: string[]; options?: string[] };
}

export interface NetworkStatusDns {
  nameservers?: string[];
  domain?: string;
  search?: string[];
  options?: string[];
}

/** One entry of network-status (NPWG NetworkStatus); key order is upstream's. */
export interface NetworkStatus {
  name: string;
  interface?: string;
  ips?: string[];
  mac?: string;
  mtu?: number;
  default?: true;
  dns: NetworkStatusDns;
  'device-info'?: Record<string, unknown>;
  gateway?: string[];
}

function addressOf(cidr: string): string {
  const slash = cidr.indexOf('/');
  return slash < 0 ? cidr : cidr.slice(0, slash);
}

/** Go's isDefaultRoute: the destination's address is 0.0.0.0 or :: (whatever the mask). */
function isDefaultRoute(dst: string): boolean {
  const ip = addressOf(dst);
  return ip === '0.0.0.0' || /^[0:]+$/.test(ip);
}

function dnsOf(result: CurrentResult): NetworkStatusDns {
  const dns: NetworkStatusDns = {};
  const src = result.dns ?? {};
  if (src.nameservers?.length) dns.nameservers = [...src.nameservers];
  if (src.domain) dns.domain = src.domain;
  if (src.search?.length) dns.search = [...src.search];
  if (src.options?.length) dns.options = [...src.options];
  return dns;
}

function defaultGateways(result: CurrentResult): string[] {
  // Upstream prints a missing gateway as "<nil>"; multusctl leaves it out.
  return (result.routes ?? []).filter((r) => isDefaultRoute(r.dst) && r.gw).map((r) => r.gw!);
}

/** Orders keys as upstream's struct does and drops empty optional fields (Go omitempty). */
function entry(fields: {
  name: string;
  iface?: string;
  ips: string[];
  mac?: string;
  mtu?: number;
  isDefault: boolean;
  dns: NetworkStatusDns;
  deviceInfo?: Record<string, unknown>;
  gateway: string[];
}): NetworkStatus {
  const ordered: Record<string, unknown> = { name: fields.name };
  if (fields.iface) ordered.interface = fields.iface;
  if (fields.ips.length > 0) ordered.ips = fields.ips;
  if (fields.mac) ordered.mac = fields.mac;
  if (fields.mtu) ordered.mtu = fields.mtu;
  if (fields.isDefault) ordered.default = true;
  ordered.dns = fields.dns;
  if (fields.deviceInfo) ordered['device-info'] = fields.deviceInfo;
  if (fields.gateway.length > 0) ordered.gateway = fields.gateway;
  return ordered as unknown as NetworkStatus;
}

/**
 * The network-status entries for one delegate's result. One sandbox interface (or exactly one
 * interface) gives one entry with all IPs; several give one entry per sandbox interface, IPs by
 * their interface index, `default` on the master's interface that has the gateway.
 */
export function networkStatusesFor(result: CurrentResult, networkName: string, isMaster: boolean, deviceInfo?: Record<string, unknown>): NetworkStatus[] {
  const interfaces = result.interfaces ?? [];
  const ips = result.ips ?? [];
  const dns = dnsOf(result);
  const gateway = defaultGateways(result);
  if (interfaces.length === 1) {
    const sandboxed = interfaces.filter((i) => i.sandbox);
    const last = sandboxed[sandboxed.length - 1];
    return [
      entry({ name: networkName, iface: last?.name, mac: last?.mac, mtu: last?.mtu, ips: ips.map((ip) => addressOf(ip.address)), isDefault: isMaster, dns, deviceInfo, gateway }),
    ];
  }
  const gwIndex = isMaster ? (ips.find((ip) => ip.gateway && ip.interface !== undefined)?.interface ?? -1) : -1;
  const built: Array<{ index: number; fields: Parameters<typeof entry>[0] }> = [];
  let markedDefault = false;
  interfaces.forEach((iface, i) => {
    if (!iface.sandbox) return;
    let isDefault = false;
    if (isMaster && gwIndex === i && !markedDefault) isDefault = true;
    if (isMaster && gwIndex === -1 && !markedDefault) isDefault = true;
    if (isDefault) markedDefault = true;
    built.push({ index: i, fields: { name: networkName, iface: iface.name, mac: iface.mac, mtu: iface.mtu, ips: [], isDefault, dns, deviceInfo, gateway } });
  });
  const last = built[built.length - 1];
  for (const ip of ips) {
    const target = ip.interface === undefined ? last : built.find((b) => b.index === ip.interface);
    target?.fields.ips.push(addressOf(ip.address));
  }
  return built.map((b) => entry(b.fields));
}

/** The annotation text, formatted as upstream writes it (each entry indented by 4, joined by ","). */
export function formatNetworkStatus(statuses: readonly NetworkStatus[]): string {
  return `[${statuses.map((s) => JSON.stringify(s, null, 4)).join(',')}]`;
}

/**
 * Reads a network-status annotation. Tolerates what other writers produce: "<nil>" gateways
 * (dropped), missing dns, unknown keys (kept out). Throws a plain Error on invalid JSON.
 */
export function parseNetworkStatus(text: string): NetworkStatus[] {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new Error('network-status is not a JSON list');
  return parsed.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw new Error(`network-status entry ${i} is not an object`);
    const r = raw as Record<string, unknown>;
    const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const gateway = strings(r.gateway).filter((g) => g !== '<nil>' && g !== '');
    const dnsRaw = (typeof r.dns === 'object' && r.dns !== null ? r.dns : {}) as Record<string, unknown>;
    const dns: NetworkStatusDns = {};
    if (strings(dnsRaw.nameservers).length) dns.nameservers = strings(dnsRaw.nameservers);
    if (typeof dnsRaw.domain === 'string' && dnsRaw.domain) dns.domain = dnsRaw.domain;
    if (strings(dnsRaw.search).length) dns.search = strings(dnsRaw.search);
    if (strings(dnsRaw.options).length) dns.options = strings(dnsRaw.options);
    return entry({
      name: typeof r.name === 'string' ? r.name : '',
      iface: typeof r.interface === 'string' ? r.interface : undefined,
      ips: strings(r.ips),
      mac: typeof r.mac === 'string' ? r.mac : undefined,
      mtu: typeof r.mtu === 'number' ? r.mtu : undefined,
      isDefault: r.default === true,
      dns,
      deviceInfo: typeof r['device-info'] === 'object' && r['device-info'] !== null ? (r['device-info'] as Record<string, unknown>) : undefined,
      gateway,
    });
  });
}
