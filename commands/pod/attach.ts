import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { AttachResult } from '../../src/smoke/attach.js';
import { CliError } from '../../src/cli/errors.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { nodeHelperFlags, nodeHelperOptions } from '../../src/node/flags.js';

export default class PodAttach extends BaseCommand<typeof PodAttach> {
  static override summary = 'Create a test pod attached to NADs, wait for it, and show its interfaces';
  static override description = `Creates pod POD (image nicolaka/netshoot unless --image, running sleep) with the networks annotation for each --network NAD[@ifname], optionally on --node, waits until it runs (a watch, with a spinner on a TTY), then prints its live interfaces beside its network-status. --ip, --mac, --default-route and --cni-args apply to the first --network and switch the annotation to its JSON form. When the pod does not start, its events (e.g. Multus's "error adding container to network") are shown and the command exits 5; the pod stays for inspection unless --rm. --rm deletes it at the end; Ctrl-C deletes it at once.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %> probe --network macvlan-conf',
    { description: 'Two attachments, named interfaces, on a given node, deleted afterwards', command: '<%= config.bin %> <%= command.id %> probe --network macvlan-conf@net1 --network other/bridge-net@net2 --node lab-node2 --rm' },
    { description: 'A fixed IP and the default route through the NAD', command: '<%= config.bin %> <%= command.id %> probe --network macvlan-conf --ip 10.10.0.50/24 --default-route 10.10.0.1' },
  ];
  static override args = { pod: Args.string({ description: 'name of the test pod to create', required: true }) };
  static override flags = {
    network: Flags.string({ description: 'NAD to attach, [namespace/]name[@ifname] (repeatable)', multiple: true, required: true }),
    image: Flags.string({ description: 'container image (default nicolaka/netshoot)' }),
    node: Flags.string({ description: 'run the pod on this node' }),
    ip: Flags.string({ description: 'IP (CIDR) for the first network (repeatable; needs the ips capability)', multiple: true }),
    mac: Flags.string({ description: 'MAC address for the first network (needs the mac capability)' }),
    'default-route': Flags.string({ description: "gateway for the pod's default route through the first network (repeatable)", multiple: true }),
    'cni-args': Flags.string({ description: 'JSON object of CNI args for the first network' }),
    rm: Flags.boolean({ description: 'delete the pod after showing its interfaces' }),
    ...nodeHelperFlags,
  };

  public async run(): Promise<AttachResult> {
    const [{ attachTestPod }, { attachmentRequests }, { helperCache }, { spinner }, { renderAttach, renderEvents }, { nodeHelperFor }] = await Promise.all([
      import('../../src/smoke/attach.js'),
      import('../../src/smoke/attach-flags.js'),
      import('../../src/smoke/helper-cache.js'),
      import('../../src/smoke/progress.js'),
      import('../../src/smoke/render-attach.js'),
      import('../../src/node/connect.js'),
    ]);
    const { flags } = this;
    const requests = attachmentRequests(flags.network, { ips: flags.ip, mac: flags.mac, defaultRoute: flags['default-route'], cniArgs: flags['cni-args'] });
    const cluster = await this.cluster();
    const nodeOptions = nodeHelperOptions(flags, this.environment, { trace: (line) => this.trace(line) });
    const progress = spinner(process.stderr, (line) => this.log(line));
    const helpers = helperCache((node) => nodeHelperFor(cluster, node, nodeOptions));
    let result: AttachResult;
    try {
      result = await attachTestPod(cluster, {
        namespace: cluster.namespace, name: this.args.pod, requests, image: flags.image, node: flags.node,
        timeoutMs: this.timeoutMs(120_000), remove: flags.rm, signal: this.interrupt.signal,
        helper: (node) => helpers.get(node), progress: (text) => progress.update(text),
      });
    } finally {
      progress.stop();
      await helpers.closeAll();
    }
    if (this.interrupt.signal.aborted) throw new CliError(`interrupted; pod ${this.args.pod} was ${result.deleted ? 'deleted' : 'not deleted'}`, { exit: ExitCode.interrupted });
    if (!result.started) {
      this.note(renderEvents(result, this.colors));
      throw new CliError(`pod ${result.namespace}/${result.name} did not start: ${result.failure}`, {
        exit: ExitCode.pluginFailed,
        hint: result.deleted ? 'the pod was deleted (--rm)' : `the pod is kept for inspection: kubectl -n ${result.namespace} describe pod ${result.name}; delete it with kubectl -n ${result.namespace} delete pod ${result.name}`,
      });
    }
    await this.print(result, renderAttach);
    return result;
  }
}
