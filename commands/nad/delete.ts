import { BaseCommand } from '../../src/cli/base-command.js';
import { oclifArgs, oclifFlags } from '../../src/cli/oclif-flags.js';
import { nadDeleteFlags, nadNameArgs } from '../../src/nad/command-flags.js';
import type { DeleteResult } from '../../src/nad/store.js';

// The logic lives in src/nad/get-delete-command.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `nad delete` argv.
export default class NadDelete extends BaseCommand<typeof NadDelete> {
  static override summary = 'Delete a NetworkAttachmentDefinition (refuses while pods use it)';
  static override description = `Pods that reference the NAD in their networks annotation keep running, but fail to attach when
they restart. delete therefore warns and refuses (exit 1) while such pods exist, unless --force.`;
  static override examples = ['<%= config.bin %> nad delete macvlan-conf', '<%= config.bin %> nad delete macvlan-conf -n test --force'];
  static override args = oclifArgs(nadNameArgs);
  static override flags = oclifFlags(nadDeleteFlags);

  async run(): Promise<DeleteResult> {
    const { runNadDelete } = await import('../../src/nad/get-delete-command.js');
    return runNadDelete(this.flags, this.io, this.args);
  }
}
