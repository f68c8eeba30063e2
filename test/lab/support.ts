/**
 * Lab test helpers: a temp lab directory, a unique prefix (so a test's namespaces never collide
 * with a user's lab or another test) and an underlay /24 of its own, plus cleanup that removes
 * everything carrying the prefix, also on failure and Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniquePrefix } from '../support/netns.js';
import { listNetns } from '../../src/sys/netns.js';

export interface LabTestTarget {
  dir: string;
  prefix: string;
  underlay: string;
}

const handedOut = new Set<number>();

/**
 * A 10.99.X.0/24 that no lab on this host routes now and that this process has not handed out:
 * labs of test files running in parallel clashed now and then on a merely random one.
 */
function freeUnderlay(): string {
  const routed = execFileSync('ip', ['-4', 'route', 'show'], { encoding: 'utf8' });
  for (let tries = 0; tries < 500; tries += 1) {
    const octet = randomInt(100, 250);
    const subnet = `10.99.${octet}.0/24`;
    if (!handedOut.has(octet) && !routed.includes(subnet)) {
      handedOut.add(octet);
      return subnet;
    }
  }
  throw new Error('no free 10.99.X.0/24 left for a test lab underlay');
}

export function labTestTarget(tag = 'ml'): LabTestTarget {
  return {
    dir: mkdtempSync(join(tmpdir(), 'mctl-lab-')),
    prefix: uniquePrefix(tag),
    underlay: freeUnderlay(),
  };
}

/** Everything host-side that carries the prefix (namespaces, links, the mount dir). */
export function leftovers(prefix: string): string[] {
  const out = listNetns(prefix).map((n) => `netns ${n}`);
  for (const link of readdirSync('/sys/class/net')) if (link.startsWith(prefix)) out.push(`link ${link}`);
  if (existsSync(`/run/${prefix}mnt`)) out.push(`dir /run/${prefix}mnt`);
  if (existsSync(`/run/${prefix}lab.owner`)) out.push(`file /run/${prefix}lab.owner`);
  return out;
}

/** Synchronous last-resort cleanup (Ctrl-C, or a test that failed before its own teardown). */
export function forceCleanup(target: LabTestTarget): void {
  const quiet = { stdio: 'ignore' as const };
  const mnt = `/run/${target.prefix}mnt`;
  if (existsSync(mnt)) {
    for (const f of readdirSync(mnt)) {
      try { execFileSync('umount', [join(mnt, f)], quiet); } catch { /* not mounted */ }
    }
    try { execFileSync('umount', [mnt], quiet); } catch { /* not mounted */ }
    rmSync(mnt, { recursive: true, force: true });
  }
  for (const name of listNetns(target.prefix)) {
    try { execFileSync('ip', ['netns', 'delete', name], quiet); } catch { /* gone */ }
  }
  try { execFileSync('ip', ['link', 'del', `${target.prefix}host`], quiet); } catch { /* gone */ }
  rmSync(`/run/${target.prefix}lab.owner`, { force: true });
}

export function onInterrupt(target: LabTestTarget): void {
  process.once('SIGINT', () => {
    forceCleanup(target);
    process.exit(130);
  });
}
