/**
 * `<dir>/lab.json`: what a lab is (prefix, nodes, underlay, API port) written before anything is
 * made, so `lab down` (and the next `lab up`) can find and remove everything even after a crash.
 * Also the lock that makes a concurrent second `lab up` a clear no-op.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pidAlive } from './procs.js';

export interface LabRecord {
  version: 1;
  prefix: string;
  nodes: number;
  underlay: string;
  /** 'starting' until `up` finished every step; 'up' after; 'down' after `lab down`. */
  phase: 'starting' | 'up' | 'down';
  /** The API server port, kept so the kubeconfig stays valid across down/up. */
  apiPort?: number;
  /** The step `up` last completed (for diagnostics). */
  lastStep?: string;
  updatedAt: string;
}

export function readRecord(path: string): LabRecord | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LabRecord;
    return typeof parsed.prefix === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRecord(path: string, record: Omit<LabRecord, 'updatedAt' | 'version'>): Promise<LabRecord> {
  const full: LabRecord = { version: 1, ...record, updatedAt: new Date().toISOString() };
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(full, null, 2)}\n`);
  await rename(tmp, path);
  return full;
}

/**
 * Takes `<dir>/up.lock` (O_EXCL, holding our pid). Returns the pid of a live holder instead when
 * another `lab up` runs; a lock left by a dead process is taken over.
 */
export async function takeLock(path: string): Promise<{ release: () => Promise<void> } | { heldBy: number }> {
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && pidAlive(holder)) return { heldBy: holder };
      await rm(path, { force: true });
    }
  }
  throw new Error(`cannot take the lab lock ${path}`);
}
