/**
 * One pod's secondary networks as the API shows them: what its networks annotation asks for and
 * whether its network-status says Multus attached exactly that. Shared by `pod list` (a health
 * column) and `doctor` (findings), so both judge a pod the same way. Pure: no I/O.
 */
import { Annotations } from '../constants.js';
import { formatElementShort, parseNetworkAnnotation, type NetworkSelectionElement } from '../multus/annotation.js';
import { parseNetworkStatus, type NetworkStatus } from '../multus/network-status.js';
import { messageOf } from '../cli/errors.js';
import type { PodSummary } from '../k8s/types.js';

/**
 * How a pod's attachments look from the API:
 * - `ok`: every requested network has a network-status entry;
 * - `pending`: not running yet, so no status is expected;
 * - `missing`: running, but no network-status annotation at all;
 * - `mismatch`: the status disagrees with the request (an entry missing, an interface differs);
 * - `invalid`: the networks or network-status annotation cannot be parsed.
 */
export type AttachmentHealth = 'ok' | 'pending' | 'missing' | 'mismatch' | 'invalid';

export interface PodAttachments {
  namespace: string;
  name: string;
  node?: string;
  phase: string;
  /** Requested attachments (empty when the annotation is absent or invalid). */
  requested: NetworkSelectionElement[];
  /** network-status entries (undefined when the annotation is absent or invalid). */
  statuses?: NetworkStatus[];
  health: AttachmentHealth;
  /** Why the networks annotation could not be parsed (health `invalid`). */
  networksError?: string;
  /** Why the network-status annotation could not be parsed (health `invalid`). */
  statusError?: string;
  /** One sentence per problem found; empty when healthy. */
  problems: string[];
  /** Things worth knowing that are not wrong by themselves (e.g. status entries nobody requested). */
  notes: string[];
}

/** True when the pod asks for secondary networks at all. */
export function usesSecondaryNetworks(pod: PodSummary): boolean {
  const value = pod.metadata?.annotations?.[Annotations.networks];
  return value !== undefined && value.trim() !== '';
}

export function analyzePodAttachments(pod: PodSummary): PodAttachments {
  const namespace = pod.metadata?.namespace ?? 'default';
  const base = { namespace, name: pod.metadata?.name ?? '', node: pod.spec?.nodeName, phase: pod.status?.phase ?? 'Unknown' };
  const annotations = pod.metadata?.annotations ?? {};
  let requested: NetworkSelectionElement[] = [];
  const networksValue = annotations[Annotations.networks];
  if (networksValue !== undefined && networksValue.trim() !== '') {
    try {
      requested = parseNetworkAnnotation(networksValue, namespace);
    } catch (err) {
      const networksError = messageOf(err);
      return { ...base, requested: [], health: 'invalid', networksError, problems: [`networks annotation: ${networksError}`], notes: [] };
    }
  }
  const statusValue = annotations[Annotations.networkStatus];
  let statuses: NetworkStatus[] | undefined;
  if (statusValue !== undefined) {
    try {
      statuses = parseNetworkStatus(statusValue);
    } catch (err) {
      const statusError = messageOf(err);
      return { ...base, requested, health: 'invalid', statusError, problems: [`network-status annotation is not valid: ${statusError}`], notes: [] };
    }
  }
  if (requested.length === 0) return { ...base, requested, statuses, health: 'ok', problems: [], notes: [] };
  if (statuses === undefined) {
    const running = base.phase === 'Running';
    return {
      ...base, requested, statuses,
      health: running ? 'missing' : 'pending',
      problems: running ? ['running, but has no network-status annotation (Multus did not attach its networks, or is not the runtime\'s first CNI config)'] : [],
      notes: [],
    };
  }
  const { problems, notes } = compareStatus(requested, statuses);
  return { ...base, requested, statuses, health: problems.length === 0 ? 'ok' : 'mismatch', problems, notes };
}

/**
 * Matches each requested element to a network-status entry of the same `namespace/name` (and the
 * same interface when the element names one), each entry used once. Interface names are not
 * guessed for unnamed elements: multus numbers them after any cluster-wide defaultNetworks,
 * which the API does not show.
 */
export function compareStatus(requested: readonly NetworkSelectionElement[], statuses: readonly NetworkStatus[]): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const unused = statuses.filter((s) => s.default !== true);
  for (const element of requested) {
    const ref = `${element.namespace}/${element.name}`;
    const sameName = unused.filter((s) => s.name === ref);
    const match = element.interface === undefined ? sameName[0] : sameName.find((s) => s.interface === element.interface);
    if (match === undefined) {
      const other = sameName[0];
      // Reported here as on the wrong interface; not again as an entry nobody requested.
      if (other !== undefined && element.interface !== undefined) unused.splice(unused.indexOf(other), 1);
      problems.push(
        other !== undefined && element.interface !== undefined
          ? `${formatElementShort(element)}: network-status has it on ${other.interface ?? 'no interface'}, not ${element.interface}`
          : `${formatElementShort(element)}: no network-status entry (requested but not attached)`,
      );
      continue;
    }
    unused.splice(unused.indexOf(match), 1);
    const got = new Set((match.ips ?? []).map(withoutPrefix));
    const absent = (element.ips ?? []).filter((ip) => !got.has(withoutPrefix(ip)));
    if (absent.length > 0) {
      problems.push(`${formatElementShort(element)}: asked for ${absent.join(', ')} but network-status shows ${(match.ips ?? []).join(', ') || 'no IP'}`);
    }
  }
  // Not a problem by itself: multus also lists cluster-wide defaultNetworks, which no pod annotation names.
  for (const extra of unused) {
    notes.push(`network-status lists ${extra.name}${extra.interface ? ` on ${extra.interface}` : ''}, which the networks annotation does not request (a defaultNetworks entry, or a stale status)`);
  }
  return { problems, notes };
}

function withoutPrefix(address: string): string {
  const slash = address.indexOf('/');
  return slash < 0 ? address : address.slice(0, slash);
}
