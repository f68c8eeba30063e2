import { BaseCommand } from '../../src/cli/base-command.js';
import type { LabStatus } from '../../src/lab/lab.js';
import { labTarget } from '../../src/lab/target.js';
import { labDirFlag, labPrefixFlag } from '../../src/lab/flags.js';

export default class LabStatusCommand extends BaseCommand<typeof LabStatusCommand> {
  static override summary = "Show the lab's processes, nodes and pods";
  static override description =
    'Reports whether the lab is up: its API server and kubelet processes (pid, log), its network namespaces, and the ' +
    'nodes and pods the API server knows. Exits 0 whatever the state; read `healthy` in -o json.';
  static override examples = [
    { description: 'Human summary', command: '<%= config.bin %> lab status' },
    { description: 'For scripts', command: "<%= config.bin %> lab status -o json | jq .healthy" },
  ];
  static override flags = { dir: labDirFlag, prefix: labPrefixFlag };

  public async run(): Promise<LabStatus> {
    const [{ labStatus }, { labConnectPort }, { renderStatus }] = await Promise.all([import('../../src/lab/lab.js'), import('../../src/lab/connect.js'), import('../../src/lab/render.js')]);
    const env = this.environment;
    const status = await labStatus(labTarget(this.flags, env), labConnectPort(env));
    await this.print(status, renderStatus);
    return status;
  }
}
