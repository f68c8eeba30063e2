import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * The one error type commands surface to users: one sentence, an optional hint, an exit code.
 * Library code throws it where it knows what went wrong; anything else is mapped by the base
 * command into a generic message (with the stack only under --debug).
 */
export class CliError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint?: string;

  constructor(message: string, options: { exit?: ExitCodeValue; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = options.exit ?? ExitCode.usage;
    this.hint = options.hint;
  }
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { exit: ExitCode.usage, hint });
}

export function notFoundError(message: string, hint?: string): CliError {
  return new CliError(message, { exit: ExitCode.notFound, hint });
}

export function isCliError(err: unknown): err is CliError {
  return err instanceof CliError;
}

/** The message of anything thrown, without assuming it is an Error. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
