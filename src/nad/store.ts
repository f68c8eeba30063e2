/** Cluster operations of the nad commands over the Cluster port: list with usage, create, delete. */
import { CliError, notFoundError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Cluster } from '../k8s/ports.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import { lintDocuments } from './lint.js';
import { tolerant } from './tolerant.js';
import { nadRow, type NadRow } from './summary.js';
import type { LintReport } from './types.js';
import { podsUsing, podUsages } from './usage.js';

/** Pods of every namespace (any may reference a NAD), or of the namespace when that is all we may list. */
function podsForUsage(cluster: Cluster, notes: string[]) {
  return tolerant('pods in all namespaces', () => cluster.pods.list({}), notes, { what: `pods in namespace ${cluster.namespace}`, list: () => cluster.pods.list({ namespace: cluster.namespace }) }).then((p) => p ?? []);
}

export async function listNads(cluster: Cluster, allNamespaces: boolean, notes: string[] = []): Promise<NadRow[]> {
  const scope = allNamespaces ? {} : { namespace: cluster.namespace };
  const [nads, pods] = await Promise.all([cluster.nads.list(scope), podsForUsage(cluster, notes)]);
  const usages = podUsages(pods);
  return nads
    .map((n) => nadRow(n, podsUsing(usages, n.metadata.namespace ?? cluster.namespace, n.metadata.name)))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

async function didYouMean(cluster: Cluster, namespace: string, name: string): Promise<string | undefined> {
  const names = (await cluster.nads.list({ namespace }).catch(() => [])).map((n) => n.metadata.name);
  const close = names.find((n) => n.toLowerCase() === name.toLowerCase() || n.startsWith(name) || name.startsWith(n));
  return close === undefined ? (names.length > 0 ? `NADs in ${namespace}: ${names.slice(0, 5).join(', ')}` : undefined) : `did you mean ${close}?`;
}

export async function getNad(cluster: Cluster, name: string): Promise<NetworkAttachmentDefinition> {
  const nad = await cluster.nads.get(cluster.namespace, name);
  if (nad === undefined) throw notFoundError(`no NetworkAttachmentDefinition ${name} in namespace ${cluster.namespace}`, await didYouMean(cluster, cluster.namespace, name));
  return nad;
}

/** A NAD as `nad get -o yaml|json` prints it: the object without server-managed noise. */
export function exportable(nad: NetworkAttachmentDefinition): NetworkAttachmentDefinition {
  const { managedFields: _m, ...metadata } = nad.metadata as NetworkAttachmentDefinition['metadata'] & { managedFields?: unknown };
  return { apiVersion: nad.apiVersion, kind: nad.kind, metadata, ...(nad.spec ? { spec: nad.spec } : {}) };
}

/** The NAD prepared for creating: namespace set, server-set fields dropped. */
export function forCreate(nad: NetworkAttachmentDefinition, namespace: string): NetworkAttachmentDefinition {
  const { resourceVersion: _r, uid: _u, creationTimestamp: _c, generation: _g, managedFields: _m, selfLink: _s, ...metadata } = nad.metadata as NetworkAttachmentDefinition['metadata'] & Record<string, unknown>;
  return { ...nad, metadata: { ...metadata, name: nad.metadata.name, namespace } };
}

export interface CreateResult {
  nad: NetworkAttachmentDefinition;
  report: LintReport;
  applied: boolean;
}

/** Lints the NAD; error findings stop it (exit 1) before anything is sent. */
export function validateForCreate(nad: NetworkAttachmentDefinition): LintReport {
  return lintDocuments([{ nad, source: { index: 0 } }]);
}

export interface DeleteResult {
  namespace: string;
  name: string;
  deleted: boolean;
  usedBy: string[];
}

export async function deleteNad(cluster: Cluster, name: string, force: boolean, warn: (line: string) => void): Promise<DeleteResult> {
  const namespace = cluster.namespace;
  await getNad(cluster, name);
  const notes: string[] = [];
  const usedBy = podsUsing(podUsages(await podsForUsage(cluster, notes)), namespace, name);
  for (const n of notes) warn(`Warning: ${n}`);
  if (usedBy.length > 0) {
    warn(`Warning: ${usedBy.length} pod${usedBy.length === 1 ? '' : 's'} still reference${usedBy.length === 1 ? 's' : ''} ${namespace}/${name}: ${usedBy.slice(0, 5).join(', ')}${usedBy.length > 5 ? ', …' : ''}`);
    if (!force) throw new CliError(`not deleting ${namespace}/${name}: pods still use it`, { exit: ExitCode.checkFailed, hint: 'delete those pods first, or pass --force (their next restart will fail to attach)' });
  }
  const deleted = await cluster.nads.delete(namespace, name);
  if (!deleted) throw notFoundError(`no NetworkAttachmentDefinition ${name} in namespace ${namespace}`);
  return { namespace, name, deleted, usedBy };
}
