import { BaseCommand } from '../src/cli/base-command.js';
import { oclifFlags } from '../src/cli/oclif-flags.js';
import { delFlags } from '../src/multus/command-flags.js';
import { runInvocation, type InvocationReports } from '../src/multus/run-invocation.js';

// The logic lives in src/multus/run-invocation.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `del` argv.
export default class Del extends BaseCommand<typeof Del> {
  static override summary = 'Run CNI DEL through the multus path for a pod, as the runtime would';
  static override description = `Deletes every attachment of the pod sandbox in reverse order, reading the delegates from the scratch file (<cniDir>/<container-id>) that ADD wrote, so it works when the API server or the pod is gone; without a scratch file it resolves them again from the API while the pod exists. Failures do not stop the other deletions; all are reported. Deleting twice succeeds. network-status is left as it is, like Multus.`;
  static override examples = [
    { description: 'Detach a pod', command: '<%= config.bin %> del --pod default/web --netns /var/run/netns/web' },
    { description: 'Show the DEL calls it would make', command: '<%= config.bin %> del --pod default/web --dry-run' },
  ];
  static override flags = oclifFlags(delFlags);

  async run(): Promise<InvocationReports['del']> {
    return runInvocation('del', this.flags, this.io);
  }
}
