import { BaseCommand } from '../../src/cli/base-command.js';
import { oclifFlags } from '../../src/cli/oclif-flags.js';
import { podListFlags } from '../../src/smoke/command-flags.js';
import type { PodListEntry } from '../../src/smoke/pod-list.js';

// The logic lives in src/smoke/pod-list-command.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `pod list` argv.
export default class PodList extends BaseCommand<typeof PodList> {
  static override summary = 'List pods that use secondary networks, with their attachments and health';
  static override description = `Lists the pods whose k8s.v1.cni.cncf.io/networks annotation asks for secondary networks, with each attachment (NAD, interface, the IPs network-status shows) and a health: ok, pending (not running yet), missing (running without network-status), mismatch (network-status disagrees with the request) or invalid (an annotation does not parse). -o wide adds the problems.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    { description: 'Every namespace, with the problems', command: '<%= config.bin %> <%= command.id %> -A -o wide' },
  ];
  static override flags = oclifFlags(podListFlags);

  public async run(): Promise<PodListEntry[]> {
    const { runPodList } = await import('../../src/smoke/pod-list-command.js');
    return runPodList(this.flags, this.io);
  }
}
