/**
 * The process layer of the CNI engine, as a port (libcni's `Exec`): find a plugin binary, run it.
 * Real runs, runs inside a lab node's namespaces, dry-run plans and test recorders all implement it.
 */
export type CniCommand = 'ADD' | 'DEL' | 'CHECK' | 'VERSION' | 'GC' | 'STATUS';

export interface PluginCall {
  /** Absolute path of the plugin binary. */
  pluginPath: string;
  /** The CNI_* variables (and PATH-like extras) given to the plugin, on top of the base env. */
  env: Record<string, string>;
  /** The network config JSON on the plugin's stdin. */
  stdin: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface PluginOutput {
  stdout: string;
  stderr: string;
  /** null when killed (timeout or abort). */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
}

export interface PluginExec {
  /** First `<dir>/<type>` that exists and is executable; throws a CNI "failed to find plugin" error. */
  findInPath(type: string, dirs: readonly string[]): Promise<string>;
  exec(call: PluginCall): Promise<PluginOutput>;
}

/**
 * A planning PluginExec (--dry-run) answers ADD with a placeholder result carrying this key;
 * libcni passes it on unchanged so the next plugin's prevResult shows it.
 */
export const PLANNED_RESULT_KEY = 'multusctl.dev/dry-run';
