import { BaseCommand } from '../src/cli/base-command.js';
import { oclifFlags } from '../src/cli/oclif-flags.js';
import { checkFlags } from '../src/multus/command-flags.js';
import { runInvocation, type InvocationReports } from '../src/multus/run-invocation.js';

// The logic lives in src/multus/run-invocation.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `check` argv.
export default class Check extends BaseCommand<typeof Check> {
  static override summary = "Run CNI CHECK on each of a pod's attachments and say which failed";
  static override description = `Runs CHECK, with each attachment's cached result as prevResult, on every attachment in the pod's scratch file: the cluster network and the annotation networks alike (Multus itself checks only inline delegates). Each failure is reported with its interface and network; the exit code is 1 when any attachment fails. Attachments whose config has a cniVersion below 0.4.0 cannot be checked and fail with that reason.`;
  static override examples = [
    { description: "Check a pod's attachments", command: '<%= config.bin %> check --pod default/web --netns /var/run/netns/web' },
    { description: 'As JSON, for a script', command: '<%= config.bin %> check --pod default/web --netns /var/run/netns/web -o json' },
  ];
  static override flags = oclifFlags(checkFlags);

  async run(): Promise<InvocationReports['check']> {
    return runInvocation('check', this.flags, this.io);
  }
}
