/**
 * What a command's logic needs from the process, behind one small port, so the same logic runs
 * under oclif (BaseCommand builds one in init) and under the oclif-free front door of
 * `add|del|check`: printing data (through a human renderer, or as -o json/yaml), notes on stderr,
 * --debug traces, colours, the Ctrl-C signal, --timeout and the cluster of the global flags.
 */
import { parseDuration } from './duration.js';
import type { GlobalFlagValues } from './global-flags.js';
import type { Cluster } from '../k8s/ports.js';
import { colorEnabled, makeColors, type Colors } from '../ui/colors.js';
import { formatMachine, isMachineFormat, type HumanRenderer } from '../ui/output.js';

export interface CommandIo {
  readonly colors: Colors;
  /** Aborted on the first Ctrl-C. */
  readonly signal: AbortSignal;
  /** The process environment, read in one place. */
  readonly env: NodeJS.ProcessEnv;
  /** Prints a command's data: as JSON/YAML when asked, otherwise through its human renderer. */
  print<D>(data: D, human: HumanRenderer<D>): Promise<void>;
  /** A human note on stderr (warnings, hints), so stdout stays machine-readable. */
  note(line: string): void;
  /** A --debug line on stderr; nothing without --debug. */
  trace(line: string): void;
  /** The cluster of --kubeconfig/--context/-n (kubectl's resolution), connected once. */
  cluster(): Promise<Cluster>;
  /** --timeout in milliseconds, or the given default. */
  timeoutMs(fallback: number): number;
}

export interface CommandIoOptions {
  flags: GlobalFlagValues;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Writes one line of data to stdout (oclif's this.log under oclif). */
  log(text: string): void;
}

export function commandIo({ flags, env, signal, log }: CommandIoOptions): CommandIo {
  const colors = makeColors(colorEnabled({ isTTY: Boolean(process.stdout.isTTY), noColorFlag: Boolean(flags['no-color']), env }));
  const timeoutMs = (fallback: number): number => (flags.timeout === undefined ? fallback : parseDuration(flags.timeout));
  const trace = (line: string): void => {
    if (flags.debug) process.stderr.write(`${colors.dim(line)}\n`);
  };
  let clusterPromise: Promise<Cluster> | undefined;
  return {
    colors,
    signal,
    env,
    async print(data, human) {
      const format = flags.output;
      if (isMachineFormat(format)) {
        log(await formatMachine(data, format));
        return;
      }
      const text = human(data, { colors, wide: format === 'wide' });
      if (text.length > 0) log(text);
    },
    note(line) {
      process.stderr.write(`${line}\n`);
    },
    trace,
    // The Kubernetes client is loaded here only, through a dynamic import (a split chunk in the
    // bundle), so commands that never touch a cluster do not pay for it.
    cluster() {
      clusterPromise ??= import('../k8s/client.js').then(({ connect }) =>
        connect({
          kubeconfig: flags.kubeconfig,
          context: flags.context,
          namespace: flags.namespace,
          timeoutMs: flags.timeout === undefined ? undefined : parseDuration(flags.timeout),
          env,
          trace: flags.debug ? trace : undefined,
        }),
      );
      return clusterPromise;
    },
    timeoutMs,
  };
}
