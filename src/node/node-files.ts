/**
 * readFile/listDir built from running commands on the node, for transports that only run argv
 * (ssh, pod): `cat` and `find`, with "does not exist" told apart from "cannot read".
 */
import type { HelperResult } from './helper.js';
import { catArgv, existsArgv, listArgv } from './commands.js';

export type RunArgv = (argv: readonly string[], options?: { timeoutMs?: number }) => Promise<HelperResult>;

async function exists(run: RunArgv, path: string): Promise<boolean> {
  return (await run(existsArgv(path))).exitCode === 0;
}

export async function readFileVia(run: RunArgv, path: string): Promise<string | undefined> {
  const r = await run(catArgv(path));
  if (r.exitCode === 0) return r.stdout;
  if (!(await exists(run, path))) return undefined;
  throw new Error(`cannot read ${path} on the node: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
}

export async function listDirVia(run: RunArgv, path: string): Promise<string[] | undefined> {
  const r = await run(listArgv(path));
  if (r.exitCode === 0) return r.stdout.split('\0').filter((n) => n !== '').sort();
  if (!(await exists(run, path))) return undefined;
  throw new Error(`cannot list ${path} on the node: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
}
