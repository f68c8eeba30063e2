/**
 * Ctrl-C (and SIGTERM) for a running command: the first aborts `signal`, so long operations stop
 * and clean up (ADD rolls back), and says so on stderr; a second exits at once with 130.
 * BaseCommand and the front door of `add|del|check` both use it.
 */
import { CliError } from './errors.js';
import { ExitCode } from './exit-codes.js';

export class Interrupt {
  private readonly controller = new AbortController();
  private count = 0;
  private readonly onSignal = (): void => {
    this.count += 1;
    if (this.count > 1) process.exit(ExitCode.interrupted);
    process.stderr.write('\ninterrupted: cleaning up (Ctrl-C again to quit at once)\n');
    this.controller.abort(new CliError('interrupted', { exit: ExitCode.interrupted }));
  };

  /** Aborted on the first Ctrl-C; long operations pass it down so cleanup can run. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  listen(): void {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  stop(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}
