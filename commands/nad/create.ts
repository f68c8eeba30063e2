import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import { CliError } from '../../src/cli/errors.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { KNOWN_CNI_VERSIONS, NadDefaults } from '../../src/constants.js';
import type { NetworkAttachmentDefinition } from '../../src/k8s/types.js';
import { formatMachine } from '../../src/ui/output.js';

export default class NadCreate extends BaseCommand<typeof NadCreate> {
  static override summary = 'Create a NetworkAttachmentDefinition from flags, a file or a short wizard';
  static override description = `Builds a NAD from flags (plugin, IPAM, addresses), or reads one from -f (a NAD or a bare CNI
config/conflist, YAML or JSON; - for stdin). When required flags are missing and stdin is a terminal, a
wizard asks for them; without a terminal the missing flags are a usage error. The NAD is always
validated first: error findings stop it (exit 1) and nothing is applied. --dry-run prints the manifest
(YAML, or -o json) instead of creating it.`;
  static override examples = [
    '<%= config.bin %> nad create macvlan-net --type macvlan --master eth1 --ipam host-local --subnet 10.10.0.0/24 --range-start 10.10.0.10 --range-end 10.10.0.99 --gateway 10.10.0.1',
    '<%= config.bin %> nad create br-net --type bridge --ipam whereabouts --subnet 10.20.0.0/24 --dry-run',
    '<%= config.bin %> nad create static-net --type macvlan --master eth1 --ipam static',
    '<%= config.bin %> nad create -f examples/nads/bridge-ok.yaml -n test',
    '<%= config.bin %> nad create mynet -f 10-mynet.conflist',
    '<%= config.bin %> nad create mynet',
  ];
  static override args = { name: Args.string({ ignoreStdin: true, description: 'NAD name (DNS-1123); optional with -f' }) };
  static override flags = {
    file: Flags.string({ char: 'f', description: 'read the NAD (or a bare CNI config) from FILE; - for stdin' }),
    type: Flags.string({ description: `CNI plugin (${NadDefaults.pluginTypes.join('|')}|...)` }),
    master: Flags.string({ description: 'node interface to attach to (macvlan, ipvlan, vlan; the device for host-device)' }),
    mode: Flags.string({ description: `macvlan (${NadDefaults.macvlanModes.join('|')}) or ipvlan (${NadDefaults.ipvlanModes.join('|')}) mode` }),
    bridge: Flags.string({ description: 'bridge name (bridge plugin; default br-NAME)' }),
    ipam: Flags.string({ description: `IPAM (${NadDefaults.ipamTypes.join('|')}|none)` }),
    subnet: Flags.string({ description: 'subnet CIDR (host-local, whereabouts)' }),
    'range-start': Flags.string({ description: 'first address to hand out' }),
    'range-end': Flags.string({ description: 'last address to hand out' }),
    gateway: Flags.string({ description: 'gateway address' }),
    route: Flags.string({ description: 'route DST[,GW] added by IPAM (repeatable)', multiple: true }),
    address: Flags.string({ description: 'static IPAM address CIDR (repeatable; without it pods request ips)', multiple: true }),
    mtu: Flags.integer({ description: 'interface MTU' }),
    vlan: Flags.integer({ description: 'VLAN id (vlan, bridge, sriov)' }),
    'cni-version': Flags.option({ options: [...KNOWN_CNI_VERSIONS], default: NadDefaults.cniVersion, description: 'cniVersion of the config' })(),
    'resource-name': Flags.string({ description: 'device-plugin resource (k8s.v1.cni.cncf.io/resourceName, e.g. for sriov)' }),
    'dry-run': Flags.boolean({ description: 'print the manifest, create nothing' }),
  };

  async run(): Promise<NetworkAttachmentDefinition> {
    const [{ resolveCreateInput }, { inquirerPrompts }, { renderReport }, { forCreate, validateForCreate }] = await Promise.all([
      import('../../src/nad/create.js'),
      import('../../src/nad/prompts.js'),
      import('../../src/nad/render.js'),
      import('../../src/nad/store.js'),
    ]);
    const f = this.flags;
    const nad = await resolveCreateInput({
      name: this.args.name,
      file: f.file,
      options: { type: f.type, master: f.master, mode: f.mode, bridge: f.bridge, ipam: f.ipam, subnet: f.subnet, rangeStart: f['range-start'], rangeEnd: f['range-end'], gateway: f.gateway, routes: f.route, addresses: f.address, mtu: f.mtu, vlan: f.vlan, cniVersion: f['cni-version'], resourceName: f['resource-name'] },
      interactive: Boolean(process.stdin.isTTY),
      prompts: () => inquirerPrompts(this.interrupt.signal),
    });
    const report = validateForCreate(nad);
    if (report.findings.length > 0) this.note(renderReport(report, { colors: this.colors, wide: true }));
    if (report.summary.errors > 0) {
      throw new CliError(`NAD ${nad.metadata.name} has ${report.summary.errors} error finding(s); nothing was applied`, { exit: ExitCode.checkFailed, hint: 'fix the findings above, or check a file with `multusctl nad validate FILE`' });
    }
    if (f['dry-run']) {
      this.log(await formatMachine(nad, f.output === 'json' ? 'json' : 'yaml'));
      return nad;
    }
    const cluster = await this.cluster();
    const created = await cluster.nads.create(forCreate(nad, f.namespace ?? nad.metadata.namespace ?? cluster.namespace));
    await this.print(created, (c) => `networkattachmentdefinition ${c.metadata.namespace}/${c.metadata.name} created`);
    return created;
  }
}
