/**
 * PluginExec on this machine: find the binary in the search path, run it with src/sys/run (argv,
 * no shell, time limit, abort). `wrap` prefixes the argv (e.g. to enter a lab node's namespace).
 */
// Synchronous on purpose: small local files in a one-shot process (a CLI run, a CNI plugin call);
// a thread-pool hop per call costs more than the I/O, and the first one starts libuv's thread pool.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { PluginExec } from './exec.js';
import { run } from '../sys/run.js';
import { CniCode, PluginError } from './errors.js';

export function localPluginExec(options: { wrap?: (argv: string[]) => string[]; baseEnv?: NodeJS.ProcessEnv } = {}): PluginExec {
  const wrap = options.wrap ?? ((argv: string[]) => argv);
  return {
    async findInPath(type, dirs) {
      if (type === '' || type.includes('/')) throw new PluginError(CniCode.invalidNetworkConfig, `invalid plugin type "${type}"`);
      for (const dir of dirs) {
        const path = join(dir, type);
        try {
          accessSync(path, constants.X_OK);
          return path;
        } catch {
          // next directory
        }
      }
      throw new PluginError(CniCode.invalidNetworkConfig, `failed to find plugin "${type}" in path [${dirs.join(' ')}]`);
    },
    async exec(call) {
      // Plugins get only PATH from our environment plus the CNI variables, like a runtime gives.
      const base = options.baseEnv ?? { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' };
      const r = await run(wrap([call.pluginPath]), { env: { ...base, ...call.env }, stdin: call.stdin, timeoutMs: call.timeoutMs, signal: call.signal, processGroup: true });
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, timedOut: r.timedOut, durationMs: r.durationMs };
    },
  };
}
