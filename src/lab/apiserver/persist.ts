/**
 * The API server's state on disk: one JSON file per object under <dir>/state/<resource>/<namespace>/,
 * and state/meta.json holding the highest resourceVersion handed out. Every write is atomic and
 * durable before it is acknowledged: write a temp file, fsync it, rename it over the old one, fsync
 * the directory. Writes that arrive while a batch is being made durable wait for the next batch
 * (group commit): one batch writes each file once (the newest version wins), fsyncs each directory
 * once, then acknowledges all its writes together.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface StoredObject {
  resource: string; // resourceKey, e.g. "pods" or "apps/daemonsets"
  namespace: string; // '' for cluster-scoped objects
  name: string;
  object: Record<string, unknown>;
}

const CLUSTER_DIR = '_cluster';
const META = 'meta.json';

function encodeResource(resource: string): string {
  return resource.replaceAll('/', '_');
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes and fsyncs `<path>.tmp-PID`, then renames it over path (the caller fsyncs the directory). */
async function writeTempAndRename(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  await writeTempAndRename(path, data);
  await fsyncDir(dirname(path));
}

/** The pending content of one file: its new data, or null to remove it. */
type Op = string | null;

export class Persister {
  private pending = new Map<string, Op>();
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private flushing = false;
  private highestRv = 0;
  private metaDirty = false;
  private readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, 'state');
  }

  private pathOf(resource: string, namespace: string, name: string): string {
    return join(this.root, encodeResource(resource), namespace === '' ? CLUSTER_DIR : namespace, `${name}.json`);
  }

  private submit(path: string, op: Op): Promise<void> {
    this.pending.set(path, op);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.size > 0 || this.metaDirty) {
      const batch = this.pending;
      const waiters = this.waiters;
      const meta = this.metaDirty ? JSON.stringify({ resourceVersion: this.highestRv }) : undefined;
      this.pending = new Map();
      this.waiters = [];
      this.metaDirty = false;
      try {
        const dirs = new Set<string>();
        if (meta !== undefined) {
          await writeTempAndRename(join(this.root, META), meta);
          dirs.add(this.root);
        }
        await Promise.all(
          [...batch].map(async ([path, op]) => {
            dirs.add(dirname(path));
            if (op === null) await rm(path, { force: true });
            else await writeTempAndRename(path, op);
          }),
        );
        await Promise.all([...dirs].map((d) => fsyncDir(d).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        })));
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.flushing = false;
  }

  save(o: StoredObject): Promise<void> {
    return this.submit(this.pathOf(o.resource, o.namespace, o.name), JSON.stringify(o.object));
  }

  /** Removes an object's file and records the resourceVersion so it never goes backwards. */
  remove(resource: string, namespace: string, name: string, resourceVersion: number): Promise<void> {
    if (resourceVersion > this.highestRv) this.highestRv = resourceVersion;
    this.metaDirty = true;
    return this.submit(this.pathOf(resource, namespace, name), null);
  }

  /** Everything on disk, and the highest resourceVersion seen in the objects and meta.json. */
  async load(resources: readonly string[]): Promise<{ objects: StoredObject[]; resourceVersion: number }> {
    const objects: StoredObject[] = [];
    let resourceVersion = 0;
    if (existsSync(join(this.root, META))) {
      const meta = JSON.parse(await readFile(join(this.root, META), 'utf8')) as { resourceVersion?: number };
      resourceVersion = meta.resourceVersion ?? 0;
    }
    for (const resource of resources) {
      const rdir = join(this.root, encodeResource(resource));
      if (!existsSync(rdir)) continue;
      for (const nsDir of await readdir(rdir)) {
        const namespace = nsDir === CLUSTER_DIR ? '' : nsDir;
        for (const file of await readdir(join(rdir, nsDir))) {
          if (!file.endsWith('.json')) continue; // leftovers of an interrupted write (*.tmp-PID)
          const object = JSON.parse(await readFile(join(rdir, nsDir, file), 'utf8')) as Record<string, unknown>;
          const rv = Number((object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? 0);
          if (rv > resourceVersion) resourceVersion = rv;
          objects.push({ resource, namespace, name: file.slice(0, -'.json'.length), object });
        }
      }
    }
    this.highestRv = resourceVersion;
    return { objects, resourceVersion };
  }
}
