/**
 * The base of `multusctl add`, `del` and `check`: the one place that wires a session of the
 * engine to the command (its flags, Ctrl-C, --timeout, the cluster, --trace and --debug output).
 */
import type { Command } from '@oclif/core';
import { BaseCommand } from '../cli/base-command.js';
import { CNI_PLUGIN_TIMEOUT_MS } from '../constants.js';
import { commandMultusApi } from './cluster-api.js';
import { invocationFrom, type ParsedInvocationFlags } from './command-flags.js';
import { formatCall } from './render.js';
import type { SessionOptions } from './session.js';

/** Time limit of the API calls a session makes (pod and NAD reads, status and event writes). */
const API_TIMEOUT_MS = 10_000;

export abstract class InvocationCommand<T extends typeof Command> extends BaseCommand<T> {
  protected sessionOptions(): SessionOptions {
    const flags = this.flags as unknown as ParsedInvocationFlags & { debug?: boolean };
    const trace = flags.debug ? (line: string) => this.trace(line) : undefined;
    return {
      flags: invocationFrom(flags),
      dryRun: flags['dry-run'],
      pluginTimeoutMs: this.timeoutMs(CNI_PLUGIN_TIMEOUT_MS),
      signal: this.interrupt.signal,
      cniPath: this.environment.CNI_PATH,
      connect: (kubeconfig) => commandMultusApi(kubeconfig, () => this.cluster(), { trace, timeoutMs: this.timeoutMs(API_TIMEOUT_MS) }),
      onCall: flags.trace ? (call) => this.note(formatCall(call, { colors: this.colors })) : undefined,
      log: trace,
    };
  }
}
