/**
 * The object store: objects by resource and namespace/name, one resourceVersion counter, and a
 * bounded history of changes that watches replay from. Every change is persisted before the store
 * resolves, so an acknowledged write survives a crash.
 */
import { Persister } from './persist.js';

export type KObject = Record<string, unknown> & {
  metadata: Record<string, unknown> & { name: string; namespace?: string; resourceVersion?: string };
};

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  resource: string;
  namespace: string;
  object: KObject;
  rv: number;
}

export type ChangeListener = (change: Change) => void;

/** What the API layer needs of a store (the real one, or a dry-run view of it). */
export interface ObjectStore {
  readonly resourceVersion: number;
  get(resource: string, namespace: string, name: string): KObject | undefined;
  /** Copies, unless `shared` (read-only callers that only serialise: no copy of every object per list). */
  list(resource: string, namespace?: string, options?: { shared?: boolean }): KObject[];
  put(resource: string, object: KObject): Promise<KObject>;
  remove(resource: string, namespace: string, name: string): Promise<KObject | undefined>;
}

const HISTORY = 10_000;

function clone<T>(v: T): T {
  return structuredClone(v);
}

export class Store implements ObjectStore {
  private readonly objects = new Map<string, Map<string, KObject>>();
  private readonly history: Change[] = [];
  private readonly listeners = new Set<ChangeListener>();
  private rv = 0;
  /** The resourceVersion below which history is incomplete (watches from older ones get 410). */
  private oldestRv = 0;

  private constructor(private readonly persister: Persister) {}

  static async open(dir: string, resources: readonly string[]): Promise<Store> {
    const persister = new Persister(dir);
    const store = new Store(persister);
    const { objects, resourceVersion } = await persister.load(resources);
    for (const o of objects) store.bucket(o.resource).set(key(o.namespace, o.name), o.object as KObject);
    store.rv = resourceVersion;
    store.oldestRv = resourceVersion;
    return store;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  private bucket(resource: string): Map<string, KObject> {
    let b = this.objects.get(resource);
    if (!b) {
      b = new Map();
      this.objects.set(resource, b);
    }
    return b;
  }

  get(resource: string, namespace: string, name: string): KObject | undefined {
    const o = this.bucket(resource).get(key(namespace, name));
    return o === undefined ? undefined : clone(o);
  }

  /** namespace undefined: all namespaces. */
  list(resource: string, namespace?: string, options: { shared?: boolean } = {}): KObject[] {
    const out: KObject[] = [];
    for (const o of this.bucket(resource).values()) {
      if (namespace === undefined || (o.metadata.namespace ?? '') === namespace) out.push(options.shared === true ? o : clone(o));
    }
    return out.sort((a, b) => key(a.metadata.namespace ?? '', a.metadata.name).localeCompare(key(b.metadata.namespace ?? '', b.metadata.name)));
  }

  /** Stores (creates or replaces) an object, stamping a new resourceVersion; returns the stored copy. */
  async put(resource: string, object: KObject): Promise<KObject> {
    const namespace = object.metadata.namespace ?? '';
    const b = this.bucket(resource);
    const existed = b.has(key(namespace, object.metadata.name));
    const rv = ++this.rv;
    const stored = clone(object);
    stored.metadata.resourceVersion = String(rv);
    b.set(key(namespace, stored.metadata.name), stored);
    await this.persister.save({ resource, namespace, name: stored.metadata.name, object: stored });
    this.emit({ type: existed ? 'MODIFIED' : 'ADDED', resource, namespace, object: clone(stored), rv });
    return clone(stored);
  }

  async remove(resource: string, namespace: string, name: string): Promise<KObject | undefined> {
    const b = this.bucket(resource);
    const current = b.get(key(namespace, name));
    if (!current) return undefined;
    const rv = ++this.rv;
    b.delete(key(namespace, name));
    const gone = clone(current);
    gone.metadata.resourceVersion = String(rv);
    await this.persister.remove(resource, namespace, name, rv);
    this.emit({ type: 'DELETED', resource, namespace, object: clone(gone), rv });
    return gone;
  }

  private emit(change: Change): void {
    this.history.push(change);
    if (this.history.length > HISTORY) {
      const dropped = this.history.shift()!;
      this.oldestRv = dropped.rv;
    }
    for (const l of this.listeners) l(change);
  }

  /**
   * Changes after resourceVersion `since`, or undefined when history no longer reaches back that far
   * (the watch must answer 410 Gone).
   */
  changesSince(since: number): Change[] | undefined {
    if (since < this.oldestRv) return undefined;
    return this.history.filter((c) => c.rv > since).map((c) => ({ ...c, object: clone(c.object) }));
  }

  /**
   * A view for `dryRun=All` requests: reads see the real store, writes are validated and answered
   * but neither stored, persisted nor seen by watches.
   */
  dryRun(): ObjectStore {
    return {
      resourceVersion: this.rv,
      get: (resource, namespace, name) => this.get(resource, namespace, name),
      list: (resource, namespace, options) => this.list(resource, namespace, options),
      put: async (_resource, object) => clone(object),
      remove: async (resource, namespace, name) => this.get(resource, namespace, name),
    };
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
