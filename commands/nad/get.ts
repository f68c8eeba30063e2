import { BaseCommand } from '../../src/cli/base-command.js';
import { oclifArgs } from '../../src/cli/oclif-flags.js';
import type { NetworkAttachmentDefinition } from '../../src/k8s/types.js';
import { nadNameArgs } from '../../src/nad/command-flags.js';

// The logic lives in src/nad/get-delete-command.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `nad get` argv.
export default class NadGet extends BaseCommand<typeof NadGet> {
  static override summary = 'Show one NetworkAttachmentDefinition';
  static override description = `-o yaml and -o json print the NAD object, ready for \`nad validate -\` or \`nad create -f -\`;
the default is a one-line summary. A missing NAD exits 4.`;
  static override examples = [
    '<%= config.bin %> nad get macvlan-conf',
    '<%= config.bin %> nad get macvlan-conf -o yaml | <%= config.bin %> nad validate -',
    '<%= config.bin %> nad get macvlan-conf -o yaml | <%= config.bin %> nad create -f - -n other',
  ];
  static override args = oclifArgs(nadNameArgs);

  async run(): Promise<NetworkAttachmentDefinition> {
    const { runNadGet } = await import('../../src/nad/get-delete-command.js');
    return runNadGet(this.flags, this.io, this.args);
  }
}
