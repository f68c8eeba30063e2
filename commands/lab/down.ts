import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { LabDownResult } from '../../src/lab/lab.js';
import { labTarget, requireRoot } from '../../src/lab/target.js';
import { labDirFlag, labPrefixFlag } from '../../src/lab/flags.js';

export default class LabDown extends BaseCommand<typeof LabDown> {
  static override summary = 'Stop the lab: its processes, namespaces, links and mounts';
  static override description =
    "Stops the lab's API server and kubelet (only the lab's own processes, checked by command line), deletes every " +
    'network namespace, link and mount it made, and keeps its state (objects, credentials, leases) for the next ' +
    '`lab up` unless --purge is given. Safe to run after a crashed or interrupted `lab up`.';
  static override examples = [
    { description: 'Stop the lab, keep its objects', command: '<%= config.bin %> lab down' },
    { description: 'Stop it and remove its directory too', command: '<%= config.bin %> lab down --purge' },
  ];
  static override flags = {
    dir: labDirFlag,
    prefix: labPrefixFlag,
    purge: Flags.boolean({ description: 'also delete the lab directory (objects, credentials, kubeconfig, leases)' }),
  };

  public async run(): Promise<LabDownResult> {
    const [{ labDown }, { renderDown }] = await Promise.all([import('../../src/lab/lab.js'), import('../../src/lab/render.js')]);
    requireRoot('down');
    const result = await labDown({ ...labTarget(this.flags, this.environment), purge: this.flags.purge });
    await this.print(result, renderDown);
    return result;
  }
}
