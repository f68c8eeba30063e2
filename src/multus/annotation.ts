/**
 * The pod annotations `k8s.v1.cni.cncf.io/networks` and `v1.multus-cni.io/default-network`: the
 * comma form `[namespace/]name[@interface]` and the JSON form (a list of NetworkSelectionElement),
 * parsed and validated like upstream multus (pkg/k8sclient parsePodNetworkAnnotation). The only
 * error this module throws is AnnotationError; its message is upstream's, and `entry` names the
 * offending element so commands can point at it.
 */
import { CniCode, MultusError } from './errors.js';
import { ipVersion, isCidr, isMac } from './addresses.js';

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol?: string;
  hostIP?: string;
}

export interface Bandwidth {
  ingressRate: number;
  ingressBurst: number;
  egressRate: number;
  egressBurst: number;
}

/** One requested attachment (NetworkSelectionElement, NPWG spec §4.1.2.1). */
export interface NetworkSelectionElement {
  name: string;
  /** Filled with the default namespace when the annotation omits it. */
  namespace: string;
  interface?: string;
  ips?: string[];
  mac?: string;
  infinibandGuid?: string;
  portMappings?: PortMapping[];
  bandwidth?: Bandwidth;
  deviceID?: string;
  cniArgs?: Record<string, unknown>;
  /** Gateways for the pod's default route; present (maybe empty) only when the key was given. */
  defaultRoute?: string[];
}

export class AnnotationError extends MultusError {
  /** The offending entry: the comma-form item, or the JSON element (re-serialised). */
  readonly entry?: string;
  /** Its position in the list, from 0. */
  readonly index?: number;

  constructor(message: string, where: { entry?: string; index?: number } = {}) {
    super(message, { kind: 'config', code: CniCode.decodeFailure });
    this.name = 'AnnotationError';
    this.entry = where.entry;
    this.index = where.index;
  }
}

/** DNS-1123 label, the rule the comma form applies to namespace and name. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Max interface name length in bytes (IFNAMSIZ - 1). */
export const MAX_IFNAME_BYTES = 15;
const IFNAME_FORBIDDEN = /[ \t\n\v\f\r/]/;

/** Upstream's test for the JSON form: any of `[`, `{` or `"`. */
export function isJsonForm(value: string): boolean {
  return /[[{"]/.test(value);
}

/** Why an interface name is unusable, or undefined when it is fine (1–15 bytes, no `/`, no space). */
export function interfaceNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (Buffer.byteLength(name, 'utf8') > MAX_IFNAME_BYTES) return `is longer than ${MAX_IFNAME_BYTES} bytes`;
  if (IFNAME_FORBIDDEN.test(name)) return "contains '/' or whitespace";
  return undefined;
}

/** Parses one comma-form item. Returns namespace ('' when absent), name and interface ('' when absent). */
export function parseNetworkObjectName(item: string, index = 0): { namespace: string; name: string; iface: string } {
  const fail = (msg: string): never => {
    throw new AnnotationError(`parsePodNetworkAnnotation: parsePodNetworkObjectName: ${msg}`, { entry: item, index });
  };
  const slash = item.split('/');
  let namespace = '';
  let rest: string;
  if (slash.length === 2) {
    namespace = slash[0]!.trim();
    rest = slash[1]!;
  } else if (slash.length === 1) {
    rest = slash[0]!;
  } else {
    return fail("Invalid network object (failed at '/')");
  }
  const at = rest.split('@');
  const name = at[0]!.trim();
  let iface = '';
  if (at.length === 2) iface = at[1]!.trim();
  else if (at.length !== 1) fail("Invalid network object (failed at '@')");
  for (const part of [namespace, name]) {
    if (part.length > 0 && !DNS_LABEL.test(part)) {
      fail(
        `Failed to parse: one or more items did not match comma-delimited format (must consist of lower case alphanumeric characters). Must start and end with an alphanumeric character), mismatch @ '${part}'`,
      );
    }
  }
  if (iface.length > 0 && interfaceNameProblem(iface) !== undefined) {
    fail(`Failed to parse interface name: must be less than 15 chars and not contain '/' or spaces. interface name '${iface}'`);
  }
  // Improvement over upstream (which fails later with a NAD lookup of ""): an empty name is an
  // annotation error naming the entry.
  if (name.length === 0) fail(`empty network name in entry ${index + 1} ('${item}')`);
  return { namespace, name, iface };
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Looks a key up like Go's encoding/json: exact match first, then case-insensitive. */
function field(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

class ElementReader {
  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly index: number,
  ) {}

  fail(message: string): never {
    throw new AnnotationError(
      `parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: ${message}`,
      { entry: JSON.stringify(this.obj), index: this.index },
    );
  }

  private mismatch(key: string, v: unknown, goType: string): never {
    return this.fail(`json: cannot unmarshal ${jsonKind(v)} into Go struct field NetworkSelectionElement.${key} of type ${goType}`);
  }

  string(key: string): string | undefined {
    const v = field(this.obj, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.mismatch(key, v, 'string');
    return v === '' ? undefined : v;
  }

  int(obj: Record<string, unknown>, key: string, parent: string): number {
    const v = field(obj, key);
    if (v === undefined || v === null) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v)) this.mismatch(`${parent}.${key}`, v, 'int');
    return v as number;
  }

  stringList(key: string): string[] | undefined {
    const v = field(this.obj, key);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) this.mismatch(key, v, '[]string');
    for (const x of v as unknown[]) if (typeof x !== 'string') this.mismatch(key, x, 'string');
    return v as string[];
  }

  object(key: string, goType: string): Record<string, unknown> | undefined {
    const v = field(this.obj, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.mismatch(key, v, goType);
    return v as Record<string, unknown>;
  }

  portMappings(): PortMapping[] | undefined {
    const v = field(this.obj, 'portMappings');
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) this.mismatch('portMappings', v, '[]*types.PortMapEntry');
    return (v as unknown[]).map((p) => {
      if (typeof p !== 'object' || p === null || Array.isArray(p)) this.mismatch('portMappings', p, 'types.PortMapEntry');
      const o = p as Record<string, unknown>;
      const entry: PortMapping = { hostPort: this.int(o, 'hostPort', 'portMappings'), containerPort: this.int(o, 'containerPort', 'portMappings') };
      const protocol = field(o, 'protocol');
      const hostIP = field(o, 'hostIP');
      if (protocol !== undefined && protocol !== null) {
        if (typeof protocol !== 'string') this.mismatch('portMappings.protocol', protocol, 'string');
        if (protocol !== '') entry.protocol = protocol as string;
      }
      if (hostIP !== undefined && hostIP !== null) {
        if (typeof hostIP !== 'string') this.mismatch('portMappings.hostIP', hostIP, 'string');
        if (hostIP !== '') entry.hostIP = hostIP as string;
      }
      return entry;
    });
  }

  bandwidth(): Bandwidth | undefined {
    const o = this.object('bandwidth', 'types.BandwidthEntry');
    if (!o) return undefined;
    return {
      ingressRate: this.int(o, 'ingressRate', 'bandwidth'),
      ingressBurst: this.int(o, 'ingressBurst', 'bandwidth'),
      egressRate: this.int(o, 'egressRate', 'bandwidth'),
      egressBurst: this.int(o, 'egressBurst', 'bandwidth'),
    };
  }

  defaultRoute(): string[] | undefined {
    const v = field(this.obj, 'default-route');
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) this.mismatch('default-route', v, '[]net.IP');
    return (v as unknown[]).map((x) => {
      if (typeof x !== 'string') this.mismatch('default-route', x, 'net.IP');
      if (ipVersion(x as string) === 0) this.fail(`invalid IP address: ${x as string}`);
      return x as string;
    });
  }
}

function elementFromJson(value: unknown, index: number): NetworkSelectionElement {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AnnotationError(
      `parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: json: cannot unmarshal ${jsonKind(value)} into Go value of type types.NetworkSelectionElement`,
      { entry: JSON.stringify(value) ?? String(value), index },
    );
  }
  const r = new ElementReader(value as Record<string, unknown>, index);
  const name = r.string('name');
  if (name === undefined) r.fail(`element ${index + 1} has no "name"`);
  const element: NetworkSelectionElement = { name: name!, namespace: r.string('namespace') ?? '' };
  const iface = r.string('interface') ?? r.string('interfaceRequest');
  if (iface !== undefined) element.interface = iface;
  const ips = r.stringList('ips');
  if (ips !== undefined) element.ips = ips;
  const mac = r.string('mac');
  if (mac !== undefined) element.mac = mac;
  const guid = r.string('infiniband-guid');
  if (guid !== undefined) element.infinibandGuid = guid;
  const pm = r.portMappings();
  if (pm !== undefined) element.portMappings = pm;
  const bw = r.bandwidth();
  if (bw !== undefined) element.bandwidth = bw;
  const deviceID = r.string('deviceID');
  if (deviceID !== undefined) element.deviceID = deviceID;
  const cniArgs = r.object('cni-args', 'map[string]interface {}');
  if (cniArgs !== undefined) element.cniArgs = cniArgs;
  const gw = r.defaultRoute();
  if (gw !== undefined) element.defaultRoute = gw;
  return element;
}

/** Checks the values upstream validates after parsing (mac, infiniband-guid, ips). */
function validateElement(element: NetworkSelectionElement, index: number, entry: string): void {
  const fail = (message: string): never => {
    throw new AnnotationError(message, { entry, index });
  };
  if (element.mac !== undefined && !isMac(element.mac)) {
    fail(`parsePodNetworkAnnotation: failed to mac: address ${element.mac}: invalid MAC address`);
  }
  if (element.infinibandGuid !== undefined && !isMac(element.infinibandGuid)) {
    fail(`parsePodNetworkAnnotation: failed to validate infiniband GUID: address ${element.infinibandGuid}: invalid MAC address`);
  }
  for (const ip of element.ips ?? []) {
    if (ip.includes('/')) {
      if (!isCidr(ip)) fail(`failed to parse CIDR "${ip}": invalid CIDR address: ${ip}`);
    } else if (ipVersion(ip) === 0) {
      fail(`failed to parse IP address "${ip}"`);
    }
  }
}

/**
 * Parses a networks annotation value. `defaultNamespace` fills elements without a namespace (the
 * pod's namespace for `networks`, multusNamespace for `default-network`).
 */
export function parseNetworkAnnotation(value: string, defaultNamespace: string): NetworkSelectionElement[] {
  if (value === '') {
    throw new AnnotationError('parsePodNetworkAnnotation: pod annotation does not have "network" as key');
  }
  let elements: NetworkSelectionElement[];
  let entries: string[];
  if (isJsonForm(value)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new AnnotationError(
        `parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: ${err instanceof Error ? err.message : String(err)}`,
        { entry: value },
      );
    }
    if (parsed === null) return [];
    if (!Array.isArray(parsed)) {
      throw new AnnotationError(
        `parsePodNetworkAnnotation: failed to parse pod Network Attachment Selection Annotation JSON format: json: cannot unmarshal ${jsonKind(parsed)} into Go value of type []*types.NetworkSelectionElement`,
        { entry: value },
      );
    }
    elements = parsed.map((v, i) => elementFromJson(v, i));
    entries = parsed.map((v) => JSON.stringify(v));
  } else {
    entries = value.split(',').map((item) => item.trim());
    elements = entries.map((item, i) => {
      const { namespace, name, iface } = parseNetworkObjectName(item, i);
      const element: NetworkSelectionElement = { name, namespace };
      if (iface !== '') element.interface = iface;
      return element;
    });
  }
  elements.forEach((element, i) => {
    if (element.namespace === '') element.namespace = defaultNamespace;
    validateElement(element, i, entries[i]!);
  });
  return elements;
}

/** The comma form of an element (namespace/name@interface), for messages and round trips. */
export function formatElementShort(element: Pick<NetworkSelectionElement, 'namespace' | 'name' | 'interface'>): string {
  return `${element.namespace}/${element.name}${element.interface ? `@${element.interface}` : ''}`;
}
