/**
 * Server-side printing (meta.k8s.io/v1 Table), which `kubectl get` asks for: the columns kubectl
 * shows for pods, nodes, namespaces, events and daemonsets, NAME and AGE for everything else.
 */
import type { ResourceType } from './resources.js';
import type { KObject } from './store.js';

type Dict = Record<string, unknown>;
type Column = { name: string; type: string; format?: string; priority?: number; cell: (o: KObject) => unknown };

export function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

function age(o: KObject): string {
  const created = Date.parse(String(o.metadata.creationTimestamp ?? ''));
  if (Number.isNaN(created)) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - created) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const d = (v: unknown): Dict => (typeof v === 'object' && v !== null ? (v as Dict) : {});
const NAME: Column = { name: 'Name', type: 'string', format: 'name', cell: (o) => o.metadata.name };
const AGE: Column = { name: 'Age', type: 'string', cell: age };

function podStatus(o: KObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating';
  const status = d(o.status);
  for (const cs of (status.containerStatuses as Dict[] | undefined) ?? []) {
    const waiting = d(d(cs.state).waiting);
    if (waiting.reason) return String(waiting.reason);
  }
  return String(status.reason ?? status.phase ?? 'Unknown');
}

function podReady(o: KObject): string {
  const containers = ((d(o.spec).containers as unknown[]) ?? []).length;
  const ready = ((d(o.status).containerStatuses as Dict[] | undefined) ?? []).filter((c) => c.ready === true).length;
  return `${ready}/${containers}`;
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    NAME,
    { name: 'Ready', type: 'string', cell: podReady },
    { name: 'Status', type: 'string', cell: podStatus },
    { name: 'Restarts', type: 'string', cell: (o) => String(((d(o.status).containerStatuses as Dict[] | undefined) ?? []).reduce((n, c) => n + Number(c.restartCount ?? 0), 0)) },
    AGE,
    { name: 'IP', type: 'string', priority: 1, cell: (o) => String(d(o.status).podIP ?? '<none>') },
    { name: 'Node', type: 'string', priority: 1, cell: (o) => String(d(o.spec).nodeName ?? '<none>') },
  ],
  Node: [
    NAME,
    { name: 'Status', type: 'string', cell: (o) => (((d(o.status).conditions as Dict[] | undefined) ?? []).find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady') },
    { name: 'Roles', type: 'string', cell: () => '<none>' },
    AGE,
    { name: 'Version', type: 'string', cell: (o) => String(d(d(o.status).nodeInfo).kubeletVersion ?? '') },
    { name: 'Internal-IP', type: 'string', priority: 1, cell: (o) => String(((d(o.status).addresses as Dict[] | undefined) ?? []).find((a) => a.type === 'InternalIP')?.address ?? '<none>') },
  ],
  Namespace: [NAME, { name: 'Status', type: 'string', cell: (o) => String(d(o.status).phase ?? '') }, AGE],
  Event: [
    { name: 'Last Seen', type: 'string', cell: (o) => age({ metadata: { name: '', creationTimestamp: o.lastTimestamp ?? o.metadata.creationTimestamp } } as KObject) },
    { name: 'Type', type: 'string', cell: (o) => String(o.type ?? '') },
    { name: 'Reason', type: 'string', cell: (o) => String(o.reason ?? '') },
    { name: 'Object', type: 'string', cell: (o) => `${String(d(o.involvedObject).kind ?? '').toLowerCase()}/${String(d(o.involvedObject).name ?? '')}` },
    { name: 'Message', type: 'string', cell: (o) => String(o.message ?? '') },
  ],
  DaemonSet: [
    NAME,
    { name: 'Desired', type: 'integer', cell: (o) => Number(d(o.status).desiredNumberScheduled ?? 0) },
    { name: 'Current', type: 'integer', cell: (o) => Number(d(o.status).currentNumberScheduled ?? 0) },
    { name: 'Ready', type: 'integer', cell: (o) => Number(d(o.status).numberReady ?? 0) },
    AGE,
  ],
};

function rowObject(o: KObject, includeObject: string): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

/**
 * A Table of items. includeObject is the request's (None, Metadata (default) or Object); columns
 * false leaves out the column definitions (watch events after the first, as Kubernetes does).
 */
export function listTable(r: ResourceType, items: KObject[], resourceVersion: string, options: { includeObject?: string; columns?: boolean } = {}): Record<string, unknown> {
  const columns = COLUMNS[r.kind] ?? [NAME, AGE];
  const includeObject = options.includeObject ?? 'Metadata';
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: options.columns === false ? [] : columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: '', priority: c.priority ?? 0 })),
    rows: items.map((o) => ({ cells: columns.map((c) => c.cell(o)), object: rowObject(o, includeObject) })),
  };
}
