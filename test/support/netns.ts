/**
 * A per-test-run prefix for network namespaces and links, and cleanup that holds on failure and on
 * Ctrl-C: every name a test makes starts with the prefix, and cleanup removes them all.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { addNetns, deleteNetns, listNetns } from '../../src/sys/netns.js';

/** True when this process can create namespaces; tests that need it skip with a reason otherwise. */
export const CAN_NETNS = process.getuid?.() === 0;
export const NETNS_SKIP: string | false = CAN_NETNS ? false : 'needs root to create network namespaces';

/** e.g. "mt3f9a-": short, because interface names are limited to 15 bytes. */
export function uniquePrefix(tag = 'mt'): string {
  return `${tag}${randomBytes(2).toString('hex')}-`;
}

/** Creates namespaces under one prefix and deletes every one of them after the test file. */
export class NetnsFixture {
  readonly prefix: string;

  constructor(tag = 'mt') {
    this.prefix = uniquePrefix(tag);
    // Ctrl-C skips `after` hooks: delete synchronously, then exit as interrupted.
    process.once('SIGINT', () => {
      for (const name of listNetns(this.prefix)) {
        try {
          execFileSync('ip', ['netns', 'delete', name], { stdio: 'ignore' });
        } catch {
          // already gone
        }
      }
      process.exit(130);
    });
    after(() => this.cleanup());
  }

  async add(suffix: string): Promise<{ name: string; path: string }> {
    const name = `${this.prefix}${suffix}`;
    const path = await addNetns(name);
    return { name, path };
  }

  async cleanup(): Promise<void> {
    for (const name of listNetns(this.prefix)) await deleteNetns(name);
  }

  /** Names still present (tests assert this is empty after their own cleanup). */
  leftovers(): string[] {
    return listNetns(this.prefix);
  }
}
