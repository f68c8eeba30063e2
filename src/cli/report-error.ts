/**
 * How a failed command tells the user, for BaseCommand.catch and the front door of `add|del|check`
 * alike: a CliError as its sentence, its hint and its exit code; anything else as its message with
 * a hint to use --debug, exit 1. Stack traces only under --debug. Does not import oclif.
 */
import { CliError, messageOf } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { Colors } from '../ui/colors.js';

export interface ErrorReportOptions {
  colors: Colors;
  /** --debug: add the stack trace. */
  debug: boolean;
}

/** Writes the report to stderr and returns the exit code the process should end with. */
export function reportError(err: unknown, { colors, debug }: ErrorReportOptions): ExitCodeValue {
  const write = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const stack = debug && err instanceof Error ? err.stack : undefined;
  if (err instanceof CliError) {
    write(`${colors.red('Error:')} ${err.message}`);
    if (err.hint) write(`${colors.dim('Hint:')} ${err.hint}`);
    if (stack) write(stack);
    return err.exitCode;
  }
  write(`${colors.red('Error:')} ${messageOf(err)}`);
  if (stack) write(stack);
  else write(`${colors.dim('Hint:')} run again with --debug for details`);
  return ExitCode.checkFailed;
}
