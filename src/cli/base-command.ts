import { Command, Errors, Flags, type Interfaces } from '@oclif/core';
import { CliError, messageOf } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { parseDuration } from './duration.js';
import type { Cluster } from '../k8s/ports.js';
import { colorEnabled, makeColors, type Colors } from '../ui/colors.js';
import { formatMachine, isMachineFormat, OUTPUT_FORMATS, type HumanRenderer, type OutputFormat } from '../ui/output.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

const GLOBAL = 'GLOBAL';

/**
 * oclif fills an omitted optional argument from piped stdin (`echo x | multusctl pod inspect P`
 * would inspect interface "x"). No multusctl argument reads stdin implicitly: stdin is read only
 * where a command says so (`-f -`, `nad validate -`).
 */
function argsIgnoringStdin<A extends Record<string, object> | undefined>(args: A): A {
  if (!args) return args;
  return Object.fromEntries(Object.entries(args).map(([name, arg]) => [name, { ...arg, ignoreStdin: true }])) as A;
}

/**
 * The one base of every multusctl command: the shared flags, output rendering, colour rules,
 * Ctrl-C handling and the mapping of errors to one sentence, a hint and an exit code.
 * Commands never read process.env or process.argv themselves: they use `this.environment`.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    kubeconfig: Flags.string({ description: 'path to the kubeconfig file (else KUBECONFIG, ~/.kube/config, in-cluster)', helpGroup: GLOBAL }),
    context: Flags.string({ description: 'kubeconfig context to use', helpGroup: GLOBAL }),
    namespace: Flags.string({ char: 'n', description: "namespace (default: the context's, else default)", helpGroup: GLOBAL }),
    output: Flags.option({ char: 'o', options: OUTPUT_FORMATS, default: 'table' as OutputFormat, description: 'output format', helpGroup: GLOBAL })(),
    'no-color': Flags.boolean({ description: 'disable colour (also NO_COLOR or a non-TTY stdout)', helpGroup: GLOBAL }),
    debug: Flags.boolean({ char: 'v', description: 'trace API calls and plugin execs to stderr; show stack traces', helpGroup: GLOBAL }),
    timeout: Flags.string({ description: 'time limit for cluster operations, e.g. 30s or 2m', helpGroup: GLOBAL }),
  };

  protected flags!: BaseFlags<T>;
  protected args!: BaseArgs<T>;
  protected colors!: Colors;
  /** Aborted on the first Ctrl-C; long operations pass it down so cleanup can run. */
  protected readonly interrupt = new AbortController();
  private sigintCount = 0;
  private readonly onSigint = (): void => {
    this.sigintCount += 1;
    if (this.sigintCount > 1) process.exit(ExitCode.interrupted);
    process.stderr.write('\ninterrupted: cleaning up (Ctrl-C again to quit at once)\n');
    this.interrupt.abort(new CliError('interrupted', { exit: ExitCode.interrupted }));
  };

  /** The process environment, read in one place. */
  protected get environment(): NodeJS.ProcessEnv {
    return process.env;
  }

  public override async init(): Promise<void> {
    await super.init();
    const ctor = this.ctor as typeof BaseCommand;
    const { args, flags } = await this.parse({
      flags: ctor.flags,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      args: argsIgnoringStdin(ctor.args),
      strict: ctor.strict,
    });
    this.flags = flags as BaseFlags<T>;
    this.args = args as BaseArgs<T>;
    this.colors = makeColors(
      colorEnabled({ isTTY: Boolean(process.stdout.isTTY), noColorFlag: Boolean(this.flags['no-color']), env: this.environment }),
    );
    process.on('SIGINT', this.onSigint);
    process.on('SIGTERM', this.onSigint);
  }

  private clusterPromise?: Promise<Cluster>;

  /**
   * The cluster of --kubeconfig/--context/-n (kubectl's resolution), connected once per command.
   * The Kubernetes client is loaded here only, through a dynamic import (a split chunk in the
   * bundle), so commands that never touch a cluster do not pay for it.
   */
  protected async cluster(): Promise<Cluster> {
    this.clusterPromise ??= import('../k8s/client.js').then(({ connect }) =>
      connect({
        kubeconfig: this.flags.kubeconfig,
        context: this.flags.context,
        namespace: this.flags.namespace,
        timeoutMs: this.flags.timeout === undefined ? undefined : parseDuration(this.flags.timeout),
        env: this.environment,
        trace: this.flags.debug ? (line) => this.trace(line) : undefined,
      }),
    );
    return this.clusterPromise;
  }

  /** --timeout in milliseconds, or the given default. */
  protected timeoutMs(fallback: number): number {
    const text = this.flags.timeout;
    return text === undefined ? fallback : parseDuration(text);
  }

  /** Debug lines go to stderr so they never mix with -o json. */
  protected trace(line: string): void {
    if (this.flags.debug) process.stderr.write(`${this.colors.dim(line)}\n`);
  }

  /** Prints a command's data: as JSON/YAML when asked, otherwise through its human renderer. */
  protected print<D>(data: D, human: HumanRenderer<D>): void {
    const format = this.flags.output as OutputFormat;
    if (isMachineFormat(format)) {
      this.log(formatMachine(data, format));
      return;
    }
    const text = human(data, { colors: this.colors, wide: format === 'wide' });
    if (text.length > 0) this.log(text);
  }

  /** Writes a human note to stderr (warnings, hints) so stdout stays machine-readable. */
  protected note(line: string): void {
    process.stderr.write(`${line}\n`);
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    // oclif's own exit (this.exit) and help/version requests pass through unchanged.
    if (err instanceof Errors.ExitError) throw err;
    const colors = this.colors ?? makeColors(false);
    if (err instanceof CliError) {
      process.stderr.write(`${colors.red('Error:')} ${err.message}\n`);
      if (err.hint) process.stderr.write(`${colors.dim('Hint:')} ${err.hint}\n`);
      if (this.flags?.debug && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err.exitCode;
      throw new Errors.ExitError(err.exitCode);
    }
    // Flag and argument parsing errors from oclif: usage errors, exit 2.
    if (err instanceof Errors.CLIError) {
      process.stderr.write(`${colors.red('Error:')} ${err.message}\n`);
      process.stderr.write(`${colors.dim('Hint:')} see \`${this.config.bin} ${this.id?.replaceAll(':', ' ') ?? ''} --help\`\n`);
      throw new Errors.ExitError(err.oclif?.exit === undefined || err.oclif.exit === 1 ? ExitCode.usage : err.oclif.exit);
    }
    process.stderr.write(`${colors.red('Error:')} ${messageOf(err)}\n`);
    if (this.flags?.debug && err.stack) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write(`${colors.dim('Hint:')} run again with --debug for details\n`);
    throw new Errors.ExitError(ExitCode.checkFailed);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    process.off('SIGINT', this.onSigint);
    process.off('SIGTERM', this.onSigint);
    if (this.interrupt.signal.aborted && !err) {
      throw new Errors.ExitError(ExitCode.interrupted);
    }
    return super.finally(err);
  }
}
