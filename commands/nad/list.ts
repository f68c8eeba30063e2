import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { NadRow } from '../../src/nad/summary.js';

export default class NadList extends BaseCommand<typeof NadList> {
  static override summary = 'List NetworkAttachmentDefinitions with their type, IPAM, subnet and pods';
  static override description = `Like kubectl get net-attach-def, with the CNI plugin type(s), the IPAM type, the subnets and how
many pods reference each NAD in their k8s.v1.cni.cncf.io/networks annotation (-o wide names them).`;
  static override examples = ['<%= config.bin %> nad list', '<%= config.bin %> nad list -A -o wide', '<%= config.bin %> nad list -n test -o json'];
  static override flags = {
    'all-namespaces': Flags.boolean({ char: 'A', description: 'list NADs of every namespace' }),
  };

  async run(): Promise<NadRow[]> {
    const [{ listNads }, { renderNadList }] = await Promise.all([import('../../src/nad/store.js'), import('../../src/nad/render.js')]);
    const cluster = await this.cluster();
    const notes: string[] = [];
    const rows = await listNads(cluster, this.flags['all-namespaces'], notes);
    for (const n of notes) this.note(`Warning: ${n}`);
    await this.print(rows, (r, ctx) => renderNadList(r, ctx, this.flags['all-namespaces']));
    return rows;
  }
}
