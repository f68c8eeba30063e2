/** `pod list`: the pods that use secondary networks, each with its attachments and their health. */
import { formatElementShort } from '../multus/annotation.js';
import type { V1Pod } from '../k8s/types.js';
import { paintSeverity } from '../ui/colors.js';
import type { RenderContext } from '../ui/output.js';
import { renderTable } from '../ui/table.js';
import { analyzePodAttachments, usesSecondaryNetworks, type AttachmentHealth, type PodAttachments } from './pod-attachments.js';

export interface PodListEntry {
  namespace: string;
  name: string;
  node?: string;
  phase: string;
  health: AttachmentHealth;
  /** One per requested network: what was asked and what network-status shows for it. */
  attachments: Array<{ network: string; interface?: string; ips: string[]; mac?: string }>;
  problems: string[];
}

export function podListEntries(pods: readonly V1Pod[]): PodListEntry[] {
  return pods
    .filter(usesSecondaryNetworks)
    .map(analyzePodAttachments)
    .map(toEntry)
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function toEntry(pod: PodAttachments): PodListEntry {
  const unused = [...(pod.statuses ?? [])].filter((s) => s.default !== true);
  const attachments = pod.requested.map((element) => {
    const ref = `${element.namespace}/${element.name}`;
    const i = unused.findIndex((s) => s.name === ref && (element.interface === undefined || s.interface === element.interface));
    const status = i < 0 ? undefined : unused.splice(i, 1)[0];
    return { network: formatElementShort(element), interface: status?.interface ?? element.interface, ips: status?.ips ?? [], ...(status?.mac ? { mac: status.mac } : {}) };
  });
  return { namespace: pod.namespace, name: pod.name, node: pod.node, phase: pod.phase, health: pod.health, attachments, problems: pod.problems };
}

const HEALTH_SEVERITY: Record<AttachmentHealth, 'ok' | 'warning' | 'error' | 'info'> = { ok: 'ok', pending: 'info', missing: 'error', mismatch: 'error', invalid: 'error' };

export function renderPodList(entries: readonly PodListEntry[], { colors, wide }: RenderContext): string {
  if (entries.length === 0) return 'No pods use secondary networks.';
  const head = ['namespace', 'name', 'node', 'phase', 'attachments', 'health', ...(wide ? ['problems'] : [])];
  const rows = entries.map((e) => [
    e.namespace, e.name, e.node ?? '<none>', e.phase,
    e.attachments.map((a) => `${a.network}${a.interface && !a.network.includes('@') ? `@${a.interface}` : ''}${a.ips.length > 0 ? ` ${a.ips.join(',')}` : ''}`).join('\n') || '-',
    paintSeverity(colors, HEALTH_SEVERITY[e.health], e.health),
    ...(wide ? [e.problems.join('\n') || '-'] : []),
  ]);
  return renderTable(head, rows);
}
