import type { LabUpResult } from '../../src/lab/lab.js';
import { LabUpCommand } from '../../src/lab/up-command.js';
import { labTarget, requireRoot } from '../../src/lab/target.js';
import { labDirFlag, labNodesFlag, labPrefixFlag, labUnderlayFlag } from '../../src/lab/flags.js';

export default class LabReset extends LabUpCommand<typeof LabReset> {
  static override summary = 'Recreate the lab from scratch (down --purge, then up)';
  static override description = 'Removes the lab and all its state (objects, credentials, leases), then starts a fresh one.';
  static override examples = [
    { description: 'Start over', command: '<%= config.bin %> lab reset' },
    { description: 'Start over with three nodes', command: '<%= config.bin %> lab reset --nodes 3' },
  ];
  static override flags = { nodes: labNodesFlag, dir: labDirFlag, prefix: labPrefixFlag, underlay: labUnderlayFlag };

  public async run(): Promise<LabUpResult> {
    const [{ labDown }, { renderUp }] = await Promise.all([import('../../src/lab/lab.js'), import('../../src/lab/render.js')]);
    requireRoot('reset');
    const env = this.environment;
    const target = labTarget(this.flags, env);
    await labDown({ ...target, purge: true });
    const result = await this.startLab(target);
    await this.print(result, renderUp);
    return result;
  }
}
