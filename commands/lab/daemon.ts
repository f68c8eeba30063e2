import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import { DAEMON_ROLES, type DaemonRole } from '../../src/lab/procs.js';

/** Internal: the body of the lab's detached processes, started by `lab up`. */
export default class LabDaemon extends BaseCommand<typeof LabDaemon> {
  static override hidden = true;
  static override summary = 'Run one of the lab processes in the foreground (started by lab up)';
  static override description = 'Internal: `lab up` starts `lab daemon apiserver` and `lab daemon kubelet` detached.';
  static override examples = ['<%= config.bin %> lab daemon kubelet --dir ~/.multusctl/lab'];
  static override args = { role: Args.string({ required: true, options: [...DAEMON_ROLES] }) };
  static override flags = { dir: Flags.string({ required: true, description: 'lab directory' }) };

  public async run(): Promise<void> {
    const { runLabDaemon } = await import('../../src/lab/daemons.js');
    await runLabDaemon(this.args.role as DaemonRole, this.flags.dir, this.environment);
  }
}
