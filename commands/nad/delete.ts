import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { DeleteResult } from '../../src/nad/store.js';

export default class NadDelete extends BaseCommand<typeof NadDelete> {
  static override summary = 'Delete a NetworkAttachmentDefinition (refuses while pods use it)';
  static override description = `Pods that reference the NAD in their networks annotation keep running, but fail to attach when
they restart. delete therefore warns and refuses (exit 1) while such pods exist, unless --force.`;
  static override examples = ['<%= config.bin %> nad delete macvlan-conf', '<%= config.bin %> nad delete macvlan-conf -n test --force'];
  static override args = { name: Args.string({ ignoreStdin: true, description: 'NAD name', required: true }) };
  static override flags = { force: Flags.boolean({ description: 'delete even when pods still reference it' }) };

  async run(): Promise<DeleteResult> {
    const { deleteNad } = await import('../../src/nad/store.js');
    const result = await deleteNad(await this.cluster(), this.args.name, this.flags.force, (l) => this.note(l));
    await this.print(result, (r) => `networkattachmentdefinition ${r.namespace}/${r.name} deleted`);
    return result;
  }
}
