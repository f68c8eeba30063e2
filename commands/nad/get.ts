import { Args } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { NetworkAttachmentDefinition } from '../../src/k8s/types.js';

export default class NadGet extends BaseCommand<typeof NadGet> {
  static override summary = 'Show one NetworkAttachmentDefinition';
  static override description = `-o yaml and -o json print the NAD object, ready for \`nad validate -\` or \`nad create -f -\`;
the default is a one-line summary. A missing NAD exits 4.`;
  static override examples = [
    '<%= config.bin %> nad get macvlan-conf',
    '<%= config.bin %> nad get macvlan-conf -o yaml | <%= config.bin %> nad validate -',
    '<%= config.bin %> nad get macvlan-conf -o yaml | <%= config.bin %> nad create -f - -n other',
  ];
  static override args = { name: Args.string({ ignoreStdin: true, description: 'NAD name', required: true }) };

  async run(): Promise<NetworkAttachmentDefinition> {
    const [{ exportable, getNad }, { renderNadGet }, { nadRow }] = await Promise.all([import('../../src/nad/store.js'), import('../../src/nad/render.js'), import('../../src/nad/summary.js')]);
    const nad = exportable(await getNad(await this.cluster(), this.args.name));
    await this.print(nad, (n) => renderNadGet(nadRow(n, [])));
    return nad;
  }
}
