/**
 * Named network namespaces (`ip netns`, files under /var/run/netns) and the argv that runs a
 * program inside one. Used by the lab's nodes and by tests; pods of a real cluster are reached
 * through node helpers instead.
 */
import { existsSync, readdirSync } from 'node:fs';
import { runChecked, run } from './run.js';

export const NETNS_DIR = '/var/run/netns';

export function netnsPath(name: string): string {
  return `${NETNS_DIR}/${name}`;
}

export async function addNetns(name: string): Promise<string> {
  await runChecked(['ip', 'netns', 'add', name]);
  await runChecked(['ip', '-n', name, 'link', 'set', 'lo', 'up']);
  return netnsPath(name);
}

/** Deletes a namespace; a missing one is not an error (cleanup must be idempotent). */
export async function deleteNetns(name: string): Promise<void> {
  if (!existsSync(netnsPath(name))) return;
  const result = await run(['ip', 'netns', 'delete', name]);
  if (result.exitCode !== 0 && existsSync(netnsPath(name))) {
    throw new Error(`ip netns delete ${name}: ${result.stderr.trim()}`);
  }
}

export function listNetns(prefix = ''): string[] {
  if (!existsSync(NETNS_DIR)) return [];
  return readdirSync(NETNS_DIR).filter((name) => name.startsWith(prefix)).sort();
}

/** argv that runs `argv` inside the network namespace at `path` (a named one or /proc/PID/ns/net). */
export function inNetns(path: string, argv: readonly string[]): string[] {
  return ['nsenter', `--net=${path}`, '--', ...argv];
}
