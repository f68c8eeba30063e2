import { BaseCommand } from '../../src/cli/base-command.js';
import { oclifFlags } from '../../src/cli/oclif-flags.js';
import { nadListFlags } from '../../src/nad/command-flags.js';
import type { NadRow } from '../../src/nad/summary.js';

// The logic lives in src/nad/list-command.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `nad list` argv.
export default class NadList extends BaseCommand<typeof NadList> {
  static override summary = 'List NetworkAttachmentDefinitions with their type, IPAM, subnet and pods';
  static override description = `Like kubectl get net-attach-def, with the CNI plugin type(s), the IPAM type, the subnets and how
many pods reference each NAD in their k8s.v1.cni.cncf.io/networks annotation (-o wide names them).`;
  static override examples = ['<%= config.bin %> nad list', '<%= config.bin %> nad list -A -o wide', '<%= config.bin %> nad list -n test -o json'];
  static override flags = oclifFlags(nadListFlags);

  async run(): Promise<NadRow[]> {
    const { runNadList } = await import('../../src/nad/list-command.js');
    return runNadList(this.flags, this.io);
  }
}
