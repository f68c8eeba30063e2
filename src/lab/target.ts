/** Where the lab lives: --dir, else MULTUSCTL_LAB_DIR, else ~/.multusctl/lab. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { LabTarget } from './lab.js';

export const LAB_DIR_ENV = 'MULTUSCTL_LAB_DIR';
/** Fault tests: `lab up` kills itself after the named step (record, apiserver, lab-namespace, node-N, host-link, node-files, register, kubelet). */
export const LAB_STOP_AFTER_ENV = 'MULTUSCTL_LAB_STOP_AFTER';

export function labDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(flag ?? env[LAB_DIR_ENV] ?? join(env.HOME ?? homedir(), '.multusctl', 'lab'));
}

export function labTarget(flags: { dir?: string; nodes?: number; prefix?: string; underlay?: string }, env: NodeJS.ProcessEnv): LabTarget {
  return { dir: labDir(flags.dir, env), nodes: flags.nodes, prefix: flags.prefix, underlay: flags.underlay };
}

/** The lab makes namespaces, links and mounts: root only. */
export function requireRoot(what: string): void {
  if (process.getuid?.() !== 0) {
    throw new CliError(`\`lab ${what}\` needs root: it creates network namespaces, veths and mounts`, { exit: ExitCode.usage, hint: `run it as root, e.g. sudo multusctl lab ${what}` });
  }
}
