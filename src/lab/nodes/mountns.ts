/**
 * One persistent mount namespace per node in which the node's own directories sit at the standard
 * paths (/etc/cni, /opt/cni, /var/lib/cni). Plugins run there (labNodeArgv), so a host-local IPAM
 * config without dataDir keeps its leases under the node's /var/lib/cni/networks and never touches
 * this machine's /var/lib/cni.
 *
 * The namespace files live in `/run/<prefix>mnt`, a private bind mount of itself (a namespace file
 * cannot be bind-mounted under a shared mount). The namespaces are slaves of the host's mounts, so
 * pod network namespaces created later under /var/run/netns are visible inside them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, runChecked } from '../../sys/run.js';
import { NODE_MOUNTS, nodeHostPath, type LabLayout, type LabNodeLayout } from '../layout.js';

const T = { timeoutMs: 15_000 };

function isMountPoint(path: string): boolean {
  const info = readFileSync('/proc/self/mountinfo', 'utf8');
  return info.split('\n').some((line) => line.split(' ')[4] === path);
}

async function ensureMountDir(layout: LabLayout): Promise<void> {
  await mkdir(layout.mountDir, { recursive: true });
  if (!isMountPoint(layout.mountDir)) {
    await runChecked(['mount', '--bind', layout.mountDir, layout.mountDir], T);
  }
  await runChecked(['mount', '--make-private', layout.mountDir], T);
}

/**
 * Creates the node's mount namespace. The standard directories must exist on the host as mount
 * points; missing ones are created empty (and left: removing them could detach another lab's mounts).
 */
export async function createNodeMountns(layout: LabLayout, node: LabNodeLayout): Promise<void> {
  await ensureMountDir(layout);
  for (const dir of NODE_MOUNTS) await mkdir(dir, { recursive: true });
  if (!isMountPoint(node.mountns)) {
    await writeFile(node.mountns, '');
    await runChecked(['unshare', `--mount=${node.mountns}`, '--propagation', 'slave', 'true'], T);
  }
  for (const dir of NODE_MOUNTS) {
    await runChecked(['nsenter', `--mount=${node.mountns}`, '--', 'mount', '--bind', nodeHostPath(node.root, dir), dir], T);
  }
}

/** Unmounts every node's mount namespace and the directory; idempotent. */
export async function deleteMountnses(layout: LabLayout): Promise<string[]> {
  const removed: string[] = [];
  if (!existsSync(layout.mountDir)) return removed;
  for (const name of await readdir(layout.mountDir)) {
    const file = join(layout.mountDir, name);
    if (isMountPoint(file)) await run(['umount', file], T);
    removed.push(file);
  }
  if (isMountPoint(layout.mountDir)) await run(['umount', layout.mountDir], T);
  await rm(layout.mountDir, { recursive: true, force: true });
  removed.push(layout.mountDir);
  return removed;
}

export function mountnsExists(node: LabNodeLayout): boolean {
  return isMountPoint(node.mountns);
}
