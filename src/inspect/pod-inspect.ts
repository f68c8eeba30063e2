/**
 * `pod inspect`: the networks annotation, the NADs it resolves to, network-status and the live
 * netns joined per interface, and every mismatch between them. Pure: the command gathers the
 * inputs (API objects, the live state read through a node helper) and renders the result.
 */
import { Annotations } from '../constants.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../k8s/types.js';
import { parseNetworkAnnotation } from '../multus/annotation.js';
import { parseNetworkStatus, type NetworkStatus } from '../multus/network-status.js';
import { isDefaultRoute, routeDevices, type Link, type Route } from '../node/ip-json.js';
import { InspectFinding as F, type Finding } from './findings.js';
import type { NetnsState } from './live.js';
import { summariseNad, type NadSummary } from './nad-summary.js';

export interface NadLintFinding {
  id: string;
  level: string;
  message: string;
}

export interface Attachment {
  /** namespace/name as requested. */
  network: string;
  /** The interface multus gives it: the requested one, else net<position>. */
  interface: string;
  requestedInterface?: string;
  ips?: string[];
  mac?: string;
  nad: (NadSummary & { found: true; lint: NadLintFinding[] }) | { ref: string; found: false };
}

export interface InterfaceView {
  name: string;
  /** The network the interface belongs to (network-status name, else the annotation's). */
  network?: string;
  default: boolean;
  kind?: string;
  mac?: string;
  mtu?: number;
  /** "up", "down" or "missing" (requested but not in the netns). */
  state: 'up' | 'down' | 'missing';
  operstate?: string;
  addresses: string[];
  /** What network-status says the interface should carry. */
  expected: { ips: string[]; mac?: string };
  routes: Route[];
  findings: Finding[];
}

export interface PodInspection {
  pod: { namespace: string; name: string; node?: string; uid?: string; phase?: string };
  transport: string;
  annotation: { value?: string; error?: string; attachments: Attachment[] };
  networkStatus: { present: boolean; error?: string; entries: NetworkStatus[] };
  interfaces: InterfaceView[];
  defaultRoutes: Route[];
  findings: Finding[];
}

export interface PodInspectInput {
  pod: V1Pod;
  transport: string;
  /** The NADs the annotation names, by namespace/name (undefined: not found). */
  nads: ReadonlyMap<string, NetworkAttachmentDefinition | undefined>;
  /** NAD lint findings by namespace/name, when a linter is available. */
  lint?: ReadonlyMap<string, NadLintFinding[]>;
  live: NetnsState;
  /** Narrow the view to one interface. */
  iface?: string;
}

/** The namespace/name refs a pod's networks annotation requests (for fetching NADs). */
export function requestedNetworks(pod: V1Pod): string[] {
  const value = pod.metadata?.annotations?.[Annotations.networks];
  if (!value) return [];
  try {
    return [...new Set(parseNetworkAnnotation(value, pod.metadata?.namespace ?? 'default').map((e) => `${e.namespace}/${e.name}`))];
  } catch {
    return [];
  }
}

function readAnnotation(pod: V1Pod, input: PodInspectInput, findings: Finding[]): PodInspection['annotation'] {
  const value = pod.metadata?.annotations?.[Annotations.networks];
  if (!value) return { attachments: [] };
  let elements;
  try {
    elements = parseNetworkAnnotation(value, pod.metadata?.namespace ?? 'default');
  } catch (err) {
    const error = (err as Error).message;
    findings.push({ id: F.annotationInvalid, level: 'error', message: `the ${Annotations.networks} annotation cannot be parsed: ${error}` });
    return { value, error, attachments: [] };
  }
  const attachments = elements.map((e, i): Attachment => {
    const network = `${e.namespace}/${e.name}`;
    const nad = input.nads.get(network);
    const attachment: Attachment = {
      network,
      interface: e.interface ?? `net${i + 1}`,
      nad: nad ? { ...summariseNad(nad), found: true, lint: input.lint?.get(network) ?? [] } : { ref: network, found: false },
    };
    if (e.interface) attachment.requestedInterface = e.interface;
    if (e.ips) attachment.ips = e.ips;
    if (e.mac) attachment.mac = e.mac;
    for (const l of attachment.nad.found ? attachment.nad.lint : []) {
      if (l.level === 'error' || l.level === 'warning') findings.push({ id: l.id, level: l.level, network, interface: attachment.interface, message: `NAD ${network}: ${l.message}` });
    }
    if (!nad) findings.push({ id: F.nadMissing, level: 'error', network, interface: attachment.interface, message: `NetworkAttachmentDefinition ${network} does not exist` });
    else if (attachment.nad.found && attachment.nad.error) findings.push({ id: F.nadInvalid, level: 'error', network, interface: attachment.interface, message: `NAD ${network}: ${attachment.nad.error}` });
    return attachment;
  });
  return { value, attachments };
}

function readStatus(pod: V1Pod, findings: Finding[]): PodInspection['networkStatus'] {
  const text = pod.metadata?.annotations?.[Annotations.networkStatus];
  if (text === undefined) return { present: false, entries: [] };
  try {
    return { present: true, entries: parseNetworkStatus(text) };
  } catch (err) {
    const error = (err as Error).message;
    findings.push({ id: F.networkStatusInvalid, level: 'error', message: `the ${Annotations.networkStatus} annotation cannot be read: ${error}` });
    return { present: true, error, entries: [] };
  }
}

const bare = (cidr: string): string => cidr.split('/')[0]!;
const sameMac = (a?: string, b?: string): boolean => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

function routesOf(routes: readonly Route[], dev: string): Route[] {
  return routes.filter((r) => r.table !== 'local' && ['unicast', 'blackhole', 'unreachable', 'prohibit'].includes(r.type) && routeDevices(r).includes(dev));
}

function viewOf(name: string, link: Link | undefined, status: NetworkStatus | undefined, attachment: Attachment | undefined, routes: readonly Route[]): InterfaceView {
  const view: InterfaceView = {
    name,
    default: status?.default === true,
    state: !link ? 'missing' : link.up && link.operstate !== 'DOWN' && link.operstate !== 'LOWERLAYERDOWN' ? 'up' : 'down',
    addresses: (link?.addresses ?? []).filter((a) => a.scope !== 'link').map((a) => a.cidr),
    expected: { ips: status?.ips ?? attachment?.ips?.map(bare) ?? [] },
    routes: link ? routesOf(routes, name) : [],
    findings: [],
  };
  const network = status?.name ?? attachment?.network;
  if (network) view.network = network;
  if (link) {
    view.kind = link.kind;
    if (link.mac) view.mac = link.mac;
    if (link.mtu !== undefined) view.mtu = link.mtu;
    view.operstate = link.operstate;
  }
  const expectedMac = status?.mac ?? attachment?.mac;
  if (expectedMac) view.expected.mac = expectedMac;
  return view;
}

function interfaceFindings(view: InterfaceView, status: NetworkStatus | undefined, attachment: Attachment | undefined, statusPresent: boolean): Finding[] {
  const out: Finding[] = [];
  const at = { interface: view.name, ...(view.network ? { network: view.network } : {}) };
  if (view.state === 'missing') {
    if (attachment) out.push({ id: F.attachmentMissing, level: 'error', ...at, message: `${attachment.network} is requested as ${view.name}, but the pod has no interface ${view.name}` });
    if (status) out.push({ id: F.staleNetworkStatus, level: 'warning', ...at, message: `network-status lists ${view.name} (${status.name}), which no longer exists in the pod` });
    return out;
  }
  if (view.state === 'down') out.push({ id: F.interfaceDown, level: 'error', ...at, message: `${view.name} is down (operstate ${view.operstate})` });
  const live = view.addresses.map(bare);
  for (const ip of status?.ips ?? []) {
    if (!live.includes(bare(ip))) out.push({ id: F.ipMissing, level: 'error', ...at, message: `network-status gives ${view.name} ${ip}, which is not on the interface` });
  }
  if (status?.mac && view.mac && !sameMac(status.mac, view.mac)) {
    out.push({ id: F.macMismatch, level: 'error', ...at, message: `network-status gives ${view.name} MAC ${status.mac}, the interface has ${view.mac}` });
  }
  if (attachment && statusPresent && !status) {
    out.push({ id: F.staleNetworkStatus, level: 'warning', ...at, message: `${attachment.network} (${view.name}) is attached but missing from network-status` });
  }
  if (status && attachment === undefined && !status.default) {
    out.push({ id: F.staleNetworkStatus, level: 'warning', ...at, message: `network-status lists ${status.name} on ${view.name}, which the networks annotation does not request` });
  }
  return out;
}

function defaultRouteFindings(defaults: readonly Route[]): Finding[] {
  const out: Finding[] = [];
  for (const family of [4, 6] as const) {
    const mine = defaults.filter((r) => r.family === family);
    if (mine.length > 1) {
      const list = mine.map((r) => `via ${r.gateway ?? 'link'} dev ${routeDevices(r).join(',')}${r.metric !== undefined ? ` metric ${r.metric}` : ''}`).join('; ');
      out.push({ id: F.multipleDefaultRoutes, level: 'warning', message: `${mine.length} IPv${family} default routes in the main table (${list}): traffic may leave by the wrong interface` });
    }
  }
  return out;
}

export function inspectPod(input: PodInspectInput): PodInspection {
  const { pod, live } = input;
  const podFindings: Finding[] = [];
  const annotation = readAnnotation(pod, input, podFindings);
  const networkStatus = readStatus(pod, podFindings);
  const running = pod.status?.phase === 'Running';
  if (!networkStatus.present && annotation.attachments.length > 0 && running) {
    podFindings.push({ id: F.networkStatusMissing, level: 'warning', message: `the pod requests ${annotation.attachments.length} network(s) but has no ${Annotations.networkStatus} annotation` });
  }
  const names = new Set<string>();
  for (const l of live.links) if (l.kind !== 'loopback') names.add(l.name);
  for (const a of annotation.attachments) names.add(a.interface);
  for (const s of networkStatus.entries) if (s.interface) names.add(s.interface);
  const interfaces = [...names].map((name) => {
    const link = live.links.find((l) => l.name === name);
    const status = networkStatus.entries.find((s) => s.interface === name);
    const attachment = annotation.attachments.find((a) => a.interface === name);
    const view = viewOf(name, link, status, attachment, live.routes);
    view.findings = interfaceFindings(view, status, attachment, networkStatus.present);
    return view;
  });
  const defaultRoutes = live.routes.filter((r) => r.table === 'main' && isDefaultRoute(r) && r.type === 'unicast');
  podFindings.push(...defaultRouteFindings(defaultRoutes));
  let shown = interfaces;
  let findings = [...podFindings, ...interfaces.flatMap((i) => i.findings)];
  if (input.iface) {
    shown = interfaces.filter((i) => i.name === input.iface);
    findings = findings.filter(
      (f) => f.interface === input.iface || (f.interface === undefined && f.id === F.multipleDefaultRoutes && defaultRoutes.some((r) => routeDevices(r).includes(input.iface!))) || (f.interface === undefined && f.id !== F.multipleDefaultRoutes),
    );
  }
  return {
    pod: {
      namespace: pod.metadata?.namespace ?? 'default',
      name: pod.metadata?.name ?? '',
      ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
      ...(pod.metadata?.uid ? { uid: pod.metadata.uid } : {}),
      ...(pod.status?.phase ? { phase: pod.status.phase } : {}),
    },
    transport: input.transport,
    annotation: input.iface ? { ...annotation, attachments: annotation.attachments.filter((a) => a.interface === input.iface) } : annotation,
    networkStatus,
    interfaces: shown,
    defaultRoutes,
    findings,
  };
}
