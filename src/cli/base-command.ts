import { Command, Errors, type Interfaces } from '@oclif/core';
import { ExitCode } from './exit-codes.js';
import { commandIo, type CommandIo } from './command-io.js';
import { globalFlags } from './global-flags.js';
import { Interrupt } from './interrupt.js';
import { oclifFlags } from './oclif-flags.js';
import { reportError } from './report-error.js';
import type { Cluster } from '../k8s/ports.js';
import { makeColors, type Colors } from '../ui/colors.js';
import type { HumanRenderer } from '../ui/output.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>;
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>;

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
 * The one base of every multusctl command: the shared flags, and oclif's side of what every
 * command shares with the oclif-free front door (src/cli/front-door.ts): the
 * CommandIo (output rendering, colour rules, the lazy cluster), Ctrl-C handling and the report of
 * errors as one sentence, a hint and an exit code.
 * Commands never read process.env or process.argv themselves: they use `this.environment`.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = oclifFlags(globalFlags);

  protected flags!: BaseFlags<T>;
  protected args!: BaseArgs<T>;
  protected colors!: Colors;
  /** Printing, notes, traces, the cluster: the same port the front door of `add|del|check` builds. */
  protected io!: CommandIo;
  /** Its signal is aborted on the first Ctrl-C; long operations pass it down so cleanup can run. */
  protected readonly interrupt = new Interrupt();

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
    this.io = commandIo({ flags: this.flags, env: this.environment, signal: this.interrupt.signal, log: (text) => this.log(text) });
    this.colors = this.io.colors;
    this.interrupt.listen();
  }

  /**
   * The cluster of --kubeconfig/--context/-n (kubectl's resolution), connected once per command;
   * the Kubernetes client is loaded only then.
   */
  protected async cluster(): Promise<Cluster> {
    return this.io.cluster();
  }

  /** --timeout in milliseconds, or the given default. */
  protected timeoutMs(fallback: number): number {
    return this.io.timeoutMs(fallback);
  }

  /** Debug lines go to stderr so they never mix with -o json. */
  protected trace(line: string): void {
    this.io.trace(line);
  }

  /** Prints a command's data: as JSON/YAML when asked, otherwise through its human renderer. */
  protected print<D>(data: D, human: HumanRenderer<D>): Promise<void> {
    return this.io.print(data, human);
  }

  /** Writes a human note to stderr (warnings, hints) so stdout stays machine-readable. */
  protected note(line: string): void {
    this.io.note(line);
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    // oclif's own exit (this.exit) and help/version requests pass through unchanged.
    if (err instanceof Errors.ExitError) throw err;
    const colors = this.colors ?? makeColors(false);
    // Flag and argument parsing errors from oclif: usage errors, exit 2.
    if (err instanceof Errors.CLIError) {
      process.stderr.write(`${colors.red('Error:')} ${err.message}\n`);
      process.stderr.write(`${colors.dim('Hint:')} see \`${this.config.bin} ${this.id?.replaceAll(':', ' ') ?? ''} --help\`\n`);
      throw new Errors.ExitError(err.oclif?.exit === undefined || err.oclif.exit === 1 ? ExitCode.usage : err.oclif.exit);
    }
    const exitCode = reportError(err, { colors, debug: Boolean(this.flags?.debug) });
    process.exitCode = exitCode;
    throw new Errors.ExitError(exitCode);
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    this.interrupt.stop();
    if (this.interrupt.signal.aborted && !err) {
      throw new Errors.ExitError(ExitCode.interrupted);
    }
    return super.finally(err);
  }
}
