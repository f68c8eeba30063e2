/**
 * The API server's state on disk: one JSON file per object under <dir>/state/<resource>/<namespace>/,
 * and state/meta.json holding the highest resourceVersion handed out. Every write is atomic and
 * durable before it is acknowledged: write a temp file, fsync it, rename it over the old one, fsync
 * the directory. Writes are serialised, so a file never sees two writers.
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

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await fsyncDir(dir);
}

export class Persister {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, 'state');
  }

  private pathOf(resource: string, namespace: string, name: string): string {
    return join(this.root, encodeResource(resource), namespace === '' ? CLUSTER_DIR : namespace, `${name}.json`);
  }

  /** Runs fn after every earlier write has finished. */
  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  save(o: StoredObject): Promise<void> {
    return this.enqueue(() => writeFileAtomic(this.pathOf(o.resource, o.namespace, o.name), JSON.stringify(o.object)));
  }

  /** Removes an object's file and records the resourceVersion so it never goes backwards. */
  remove(resource: string, namespace: string, name: string, resourceVersion: number): Promise<void> {
    return this.enqueue(async () => {
      await writeFileAtomic(join(this.root, META), JSON.stringify({ resourceVersion }));
      const path = this.pathOf(resource, namespace, name);
      await rm(path, { force: true });
      await fsyncDir(dirname(path)).catch(() => undefined);
    });
  }

  saveMeta(resourceVersion: number): Promise<void> {
    return this.enqueue(() => writeFileAtomic(join(this.root, META), JSON.stringify({ resourceVersion })));
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
    return { objects, resourceVersion };
  }
}
