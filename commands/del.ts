import { InvocationCommand } from '../src/multus/invocation-command.js';
import { toCliError } from '../src/multus/cli-errors.js';
import { invocationFlags } from '../src/multus/command-flags.js';
import { renderDel } from '../src/multus/render.js';
import { delSession, type DelReport } from '../src/multus/session.js';

export default class Del extends InvocationCommand<typeof Del> {
  static override summary = 'Run CNI DEL through the multus path for a pod, as the runtime would';
  static override description = `Deletes every attachment of the pod sandbox in reverse order, reading the delegates from the scratch file (<cniDir>/<container-id>) that ADD wrote, so it works when the API server or the pod is gone; without a scratch file it resolves them again from the API while the pod exists. Failures do not stop the other deletions; all are reported. Deleting twice succeeds. network-status is left as it is, like Multus.`;
  static override examples = [
    { description: 'Detach a pod', command: '<%= config.bin %> del --pod default/web --netns /var/run/netns/web' },
    { description: 'Show the DEL calls it would make', command: '<%= config.bin %> del --pod default/web --dry-run' },
  ];
  static override flags = { ...invocationFlags };

  async run(): Promise<DelReport> {
    const report = await delSession(this.sessionOptions()).catch((err: unknown) => {
      throw toCliError(err);
    });
    this.print(report, (r, ctx) => renderDel(r, ctx));
    return report;
  }
}
