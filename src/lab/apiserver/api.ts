/**
 * The API's semantics, independent of HTTP: create/get/list/update/patch/delete with
 * resourceVersion checks, status subresources, pods/binding, graceful pod deletion and namespace
 * termination (CONTRACTS.md item 7). Throws ApiStatusError for every failure.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { NAD_GROUP, NAD_PLURAL } from '../../constants.js';
import { applyCreateDefaults, k8sTime, validateCreate } from './defaults.js';
import { applyPatch, PatchError, type Json } from './patch.js';
import { apiVersionOf, findResource, nadCrd, RESOURCES, resourceKey, type ResourceType } from './resources.js';
import { checkFieldPaths, matchFields, matchLabels, parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.js';
import { alreadyExists, ApiStatusError, badRequest, conflict, invalid, notFound } from './status.js';
import type { KObject, ObjectStore } from './store.js';

type Dict = Record<string, unknown>;

export interface Selectors {
  labelSelector?: string;
  fieldSelector?: string;
}

export const NAMESPACES = findResource('', 'v1', 'namespaces')!;
const PODS = findResource('', 'v1', 'pods')!;
const CRDS = findResource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')!;
const SERVICE_ACCOUNTS = findResource('', 'v1', 'serviceaccounts')!;
const NAD_CRD_NAME = `${NAD_PLURAL}.${NAD_GROUP}`;
const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function meta(o: KObject): Dict {
  return o.metadata;
}

/** ObjectMeta's omitempty: empty maps and lists are not stored (so `annotations: {}` disappears). */
function normalizeMeta(o: KObject): KObject {
  const m = meta(o);
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences', 'managedFields']) {
    const v = m[k];
    if (v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)) delete m[k];
  }
  return o;
}

function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** A compiled selector pair, checked against the kind's supported field paths. */
export function compileSelectors(r: ResourceType, s: Selectors): (o: KObject) => boolean {
  try {
    const labels = parseLabelSelector(s.labelSelector);
    const fields = parseFieldSelector(s.fieldSelector);
    checkFieldPaths(r.kind, fields);
    return (o) => matchLabels(labels, o.metadata.labels as Record<string, string> | undefined) && matchFields(fields, o);
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(`unable to parse requirement: ${err.message}`);
    throw err;
  }
}

export class LabApi {
  constructor(readonly store: ObjectStore) {}

  /** Seeds a fresh store: the initial namespaces, their default service accounts, the NAD CRD. */
  async seed(): Promise<void> {
    if (this.store.resourceVersion > 0) return;
    for (const name of INITIAL_NAMESPACES) await this.create(NAMESPACES, '', { metadata: { name } });
    await this.create(CRDS, '', nadCrd());
  }

  /** Whether a resource type is served right now (the NAD kind only while its CRD exists). */
  served(r: ResourceType): boolean {
    if (r.group !== NAD_GROUP) return true;
    return this.store.get(resourceKey(CRDS), '', NAD_CRD_NAME) !== undefined;
  }

  get(r: ResourceType, namespace: string, name: string): KObject {
    const o = this.store.get(resourceKey(r), r.namespaced ? namespace : '', name);
    if (!o) throw notFound(r, name);
    return o;
  }

  /** The stored objects themselves, not copies: for callers that only read and serialise them (the list handler). */
  list(r: ResourceType, namespace: string | undefined, selectors: Selectors): { items: readonly KObject[]; resourceVersion: string } {
    const match = compileSelectors(r, selectors);
    const items = this.store.list(resourceKey(r), r.namespaced ? namespace : undefined, { shared: true }).filter(match);
    return { items, resourceVersion: String(this.store.resourceVersion) };
  }

  private requireNamespace(namespace: string): void {
    const ns = this.store.get(resourceKey(NAMESPACES), '', namespace);
    if (!ns) throw notFound(NAMESPACES, namespace);
    if (meta(ns).deletionTimestamp) {
      throw new ApiStatusError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, { name: namespace, kind: 'namespaces' });
    }
  }

  async create(r: ResourceType, namespace: string, body: unknown): Promise<KObject> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
    const obj = structuredClone(body) as KObject;
    obj.metadata = { ...((obj.metadata as Dict | undefined) ?? {}) } as KObject['metadata'];
    const m = meta(obj);
    if (!m.name && typeof m.generateName === 'string' && m.generateName) m.name = `${m.generateName}${randomSuffix()}`;
    if (!m.name) throw invalid(r, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
    if (r.namespaced) {
      if (m.namespace !== undefined && m.namespace !== '' && m.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      m.namespace = namespace;
      this.requireNamespace(namespace);
    } else delete m.namespace;
    obj.apiVersion = apiVersionOf(r);
    obj.kind = r.kind;
    validateCreate(r, obj);
    if (this.store.get(resourceKey(r), r.namespaced ? namespace : '', obj.metadata.name)) throw alreadyExists(r, obj.metadata.name);
    for (const k of ['resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) delete m[k];
    m.uid = randomUUID();
    m.creationTimestamp = k8sTime();
    m.generation = 1;
    applyCreateDefaults(r, obj);
    const stored = await this.store.put(resourceKey(r), normalizeMeta(obj));
    if (r === NAMESPACES) {
      await this.create(SERVICE_ACCOUNTS, obj.metadata.name, { metadata: { name: 'default' } }).catch(() => undefined);
    }
    return stored;
  }

  /** PUT of the object or (subresource 'status') of its status. */
  async update(r: ResourceType, namespace: string, name: string, body: unknown, subresource?: string): Promise<KObject> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a JSON object');
    const current = this.get(r, namespace, name);
    const incoming = structuredClone(body) as KObject;
    const im = (incoming.metadata ?? {}) as Dict;
    if (im.name !== undefined && im.name !== name) throw badRequest(`the name of the object (${String(im.name)}) does not match the name on the URL (${name})`);
    if (im.resourceVersion !== undefined && im.resourceVersion !== '' && im.resourceVersion !== current.metadata.resourceVersion) throw conflict(r, name);
    let next: KObject;
    if (subresource === 'status') {
      next = { ...current, status: incoming.status };
      if (r === PODS) {
        // As in Kubernetes, pods/status may change labels and annotations (Multus writes network-status so).
        next.metadata = { ...current.metadata, labels: im.labels, annotations: im.annotations } as KObject['metadata'];
        if (im.labels === undefined) delete next.metadata.labels;
        if (im.annotations === undefined) delete next.metadata.annotations;
      }
    } else if (subresource) {
      throw new ApiStatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
    } else {
      next = { ...incoming, apiVersion: apiVersionOf(r), kind: r.kind };
      next.metadata = { ...im, name, ...(r.namespaced ? { namespace } : {}) } as KObject['metadata'];
      const nm = meta(next);
      const cm = meta(current);
      for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation']) {
        if (cm[k] === undefined) delete nm[k];
        else nm[k] = cm[k];
      }
      if (r.subresources.includes('status')) next.status = current.status;
      if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) nm.generation = Number(cm.generation ?? 1) + 1;
      if (r === NAMESPACES) next.spec = current.spec;
    }
    return this.storeUpdate(r, next);
  }

  /** Stores an updated object, or removes it when it was waiting only for its finalizers. */
  private async storeUpdate(r: ResourceType, next: KObject): Promise<KObject> {
    const m = meta(normalizeMeta(next));
    const finalizers = (m.finalizers as string[] | undefined) ?? [];
    if (m.deletionTimestamp && finalizers.length === 0 && (r !== PODS || m.deletionGracePeriodSeconds === 0) && r !== NAMESPACES) {
      const gone = await this.store.remove(resourceKey(r), next.metadata.namespace ?? '', next.metadata.name);
      await this.afterRemove(r, next.metadata.namespace ?? '');
      return gone ?? next;
    }
    return this.store.put(resourceKey(r), next);
  }

  async patch(r: ResourceType, namespace: string, name: string, contentType: string, patch: unknown, subresource?: string): Promise<KObject> {
    const current = this.get(r, namespace, name);
    let patched: Json;
    try {
      patched = applyPatch(contentType, current as unknown as Json, patch);
    } catch (err) {
      if (err instanceof PatchError) {
        if (err.message.startsWith('unsupported patch type')) throw new ApiStatusError(415, 'UnsupportedMediaType', err.message);
        throw new ApiStatusError(422, 'Invalid', `the patch could not be applied: ${err.message}`);
      }
      throw err;
    }
    const patchedMeta = ((patched as Dict).metadata ?? {}) as Dict;
    const patchRv = ((patch as Dict | null)?.metadata as Dict | undefined)?.resourceVersion;
    // A patch is unconditional unless it carries a resourceVersion itself.
    if (patchRv === undefined) patchedMeta.resourceVersion = current.metadata.resourceVersion;
    (patched as Dict).metadata = patchedMeta;
    return this.update(r, namespace, name, patched, subresource);
  }

  /**
   * Server-side apply (application/apply-patch+yaml), approximated: creates the object when it is
   * missing, else merges the applied configuration in as a strategic merge patch. Field managers
   * and apply conflicts are not modelled.
   */
  async apply(r: ResourceType, namespace: string, name: string, body: unknown): Promise<{ object: KObject; created: boolean }> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the applied configuration must be an object');
    const cfg = body as Dict;
    const m = (cfg.metadata ?? {}) as Dict;
    if (m.name !== undefined && m.name !== name) throw badRequest(`the name of the object (${String(m.name)}) does not match the name on the URL (${name})`);
    if (!this.store.get(resourceKey(r), r.namespaced ? namespace : '', name)) {
      return { object: await this.create(r, namespace, { ...cfg, metadata: { ...m, name } }), created: true };
    }
    return { object: await this.patch(r, namespace, name, 'application/strategic-merge-patch+json', cfg), created: false };
  }

  /** DELETE: returns the object as it is after the request (gone, or marked for deletion). */
  async delete(r: ResourceType, namespace: string, name: string, options: { gracePeriodSeconds?: number; preconditions?: { resourceVersion?: string; uid?: string } }): Promise<KObject> {
    const current = this.get(r, namespace, name);
    const cm = meta(current);
    if (options.preconditions?.resourceVersion && options.preconditions.resourceVersion !== current.metadata.resourceVersion) throw conflict(r, name);
    if (options.preconditions?.uid && options.preconditions.uid !== cm.uid) throw conflict(r, name, `Precondition failed: UID in precondition: ${options.preconditions.uid}, UID in object meta: ${String(cm.uid)}`);
    if (r === NAMESPACES) return this.deleteNamespace(current);
    const finalizers = (cm.finalizers as string[] | undefined) ?? [];
    if (r === PODS) {
      const spec = (current.spec ?? {}) as Dict;
      const phase = ((current.status ?? {}) as Dict).phase;
      let grace = options.gracePeriodSeconds ?? Number(spec.terminationGracePeriodSeconds ?? 30);
      if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
      if (grace > 0 || finalizers.length > 0) {
        const existing = cm.deletionGracePeriodSeconds as number | undefined;
        if (cm.deletionTimestamp && existing !== undefined && existing <= grace) return current;
        cm.deletionTimestamp = k8sTime(new Date(Date.now() + grace * 1000));
        cm.deletionGracePeriodSeconds = grace;
        return this.storeUpdate(r, current);
      }
    } else if (finalizers.length > 0) {
      if (cm.deletionTimestamp) return current;
      cm.deletionTimestamp = k8sTime();
      cm.deletionGracePeriodSeconds = 0;
      return this.store.put(resourceKey(r), current);
    }
    const gone = (await this.store.remove(resourceKey(r), r.namespaced ? namespace : '', name)) ?? current;
    await this.afterRemove(r, namespace);
    if (r === CRDS && name === NAD_CRD_NAME) {
      // As in Kubernetes, deleting a CRD deletes its objects.
      const nads = RESOURCES.find((x) => x.group === NAD_GROUP)!;
      for (const o of this.store.list(resourceKey(nads))) {
        await this.store.remove(resourceKey(nads), o.metadata.namespace ?? '', o.metadata.name);
        await this.afterRemove(nads, o.metadata.namespace ?? '');
      }
    }
    return gone;
  }

  /** Marks the namespace Terminating and deletes its contents; it goes once it is empty. */
  private async deleteNamespace(ns: KObject): Promise<KObject> {
    const name = ns.metadata.name;
    if (!meta(ns).deletionTimestamp) {
      meta(ns).deletionTimestamp = k8sTime();
      meta(ns).deletionGracePeriodSeconds = 0;
      ns.status = { ...((ns.status as Dict | undefined) ?? {}), phase: 'Terminating' };
      ns = await this.store.put(resourceKey(NAMESPACES), ns);
    }
    for (const r of RESOURCES.filter((x) => x.namespaced)) {
      for (const o of this.store.list(resourceKey(r), name)) {
        await this.delete(r, name, o.metadata.name, {}).catch((err: unknown) => {
          if (!(err instanceof ApiStatusError && err.code === 404)) throw err;
        });
      }
    }
    await this.removeNamespaceIfEmpty(name);
    // Gone already (it was empty), or still Terminating while pods shut down.
    return this.store.get(resourceKey(NAMESPACES), '', name) ?? ns;
  }

  private async afterRemove(r: ResourceType, namespace: string): Promise<void> {
    if (r.namespaced && namespace) await this.removeNamespaceIfEmpty(namespace);
  }

  private async removeNamespaceIfEmpty(name: string): Promise<KObject | undefined> {
    const ns = this.store.get(resourceKey(NAMESPACES), '', name);
    if (!ns || !meta(ns).deletionTimestamp) return undefined;
    const empty = RESOURCES.filter((x) => x.namespaced).every((r) => this.store.list(resourceKey(r), name).length === 0);
    if (!empty) return undefined;
    return this.store.remove(resourceKey(NAMESPACES), '', name);
  }

  /** POST pods/NAME/binding: assigns the pod to a node once. */
  async bind(namespace: string, name: string, body: unknown): Promise<void> {
    const pod = this.get(PODS, namespace, name);
    const target = ((body as Dict | null)?.target ?? {}) as Dict;
    if (typeof target.name !== 'string' || target.name === '') throw invalid(PODS, name, [{ field: 'target.name', message: 'Required value' }]);
    const spec = (pod.spec ?? {}) as Dict;
    if (spec.nodeName) throw conflict(PODS, name, `pod ${name} is already assigned to node "${String(spec.nodeName)}"`);
    if (meta(pod).deletionTimestamp) throw conflict(PODS, name, 'pod is being deleted, cannot be assigned to a host');
    spec.nodeName = target.name;
    pod.spec = spec;
    const status = (pod.status ?? {}) as Dict;
    const conditions = ((status.conditions as Dict[] | undefined) ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: k8sTime() });
    status.conditions = conditions;
    pod.status = status;
    await this.store.put(resourceKey(PODS), pod);
  }
}
