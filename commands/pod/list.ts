import { Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { PodListEntry } from '../../src/smoke/pod-list.js';

export default class PodList extends BaseCommand<typeof PodList> {
  static override summary = 'List pods that use secondary networks, with their attachments and health';
  static override description = `Lists the pods whose k8s.v1.cni.cncf.io/networks annotation asks for secondary networks, with each attachment (NAD, interface, the IPs network-status shows) and a health: ok, pending (not running yet), missing (running without network-status), mismatch (network-status disagrees with the request) or invalid (an annotation does not parse). -o wide adds the problems.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    { description: 'Every namespace, with the problems', command: '<%= config.bin %> <%= command.id %> -A -o wide' },
  ];
  static override flags = {
    'all-namespaces': Flags.boolean({ char: 'A', description: 'list pods in every namespace' }),
  };

  public async run(): Promise<PodListEntry[]> {
    const { podListEntries, renderPodList } = await import('../../src/smoke/pod-list.js');
    const cluster = await this.cluster();
    const pods = await cluster.pods.list(this.flags['all-namespaces'] ? {} : { namespace: cluster.namespace });
    const entries = podListEntries(pods);
    await this.print(entries, renderPodList);
    return entries;
  }
}
