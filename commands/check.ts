import { InvocationCommand } from '../src/multus/invocation-command.js';
import { CliError } from '../src/cli/errors.js';
import { ExitCode } from '../src/cli/exit-codes.js';
import { toCliError } from '../src/multus/cli-errors.js';
import { invocationFlags } from '../src/multus/command-flags.js';
import { renderCheck } from '../src/multus/render.js';
import { checkSession, type CheckReport } from '../src/multus/session.js';

export default class Check extends InvocationCommand<typeof Check> {
  static override summary = "Run CNI CHECK on each of a pod's attachments and say which failed";
  static override description = `Runs CHECK, with each attachment's cached result as prevResult, on every attachment in the pod's scratch file: the cluster network and the annotation networks alike (Multus itself checks only inline delegates). Each failure is reported with its interface and network; the exit code is 1 when any attachment fails. Attachments whose config has a cniVersion below 0.4.0 cannot be checked and fail with that reason.`;
  static override examples = [
    { description: "Check a pod's attachments", command: '<%= config.bin %> check --pod default/web --netns /var/run/netns/web' },
    { description: 'As JSON, for a script', command: '<%= config.bin %> check --pod default/web --netns /var/run/netns/web -o json' },
  ];
  static override flags = { ...invocationFlags };

  async run(): Promise<CheckReport> {
    const report = await checkSession(this.sessionOptions()).catch((err: unknown) => {
      throw toCliError(err);
    });
    this.print(report, (r, ctx) => renderCheck(r, ctx));
    const failed = report.checks.filter((c) => !c.ok).length;
    if (failed > 0) throw new CliError(`${failed} of ${report.checks.length} attachment(s) of pod ${report.pod} failed CHECK`, { exit: ExitCode.checkFailed, hint: 'run again with --trace to see each plugin call' });
    return report;
  }
}
