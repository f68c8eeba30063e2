/**
 * The interactive part of `nad create`: asks only for what the flags left open. The prompt
 * functions are injected (the command passes @inquirer/prompts, lazily imported) so the flow is
 * testable and the CLI never loads inquirer unless it asks something.
 */
import { NadDefaults } from '../constants.js';
import { parseCidr, parseIp } from './ip.js';
import { missingOptions, type BuildOptions } from './build.js';

export interface Prompts {
  select(options: { message: string; choices: Array<{ name: string; value: string }>; default?: string }): Promise<string>;
  input(options: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
}

const cidrOk = (v: string): boolean | string => (parseCidr(v) ? true : 'enter a CIDR, e.g. 10.10.0.0/24');
const ipOk = (v: string): boolean | string => (v === '' || parseIp(v) ? true : 'enter an IP address (or leave empty)');

export async function runWizard(start: BuildOptions, p: Prompts): Promise<BuildOptions> {
  const o: BuildOptions = { ...start };
  if (!o.type) {
    o.type = await p.select({ message: 'CNI plugin', choices: NadDefaults.pluginTypes.map((t) => ({ name: t, value: t })), default: 'macvlan' });
  }
  if (missingOptions(o).includes('--master')) {
    o.master = await p.input({ message: o.type === 'host-device' ? 'node device to move into the pod' : 'master interface on the node', default: 'eth1', validate: (v) => (v.trim() !== '' ? true : 'required') });
  }
  if (!o.mode && (o.type === 'macvlan' || o.type === 'ipvlan')) {
    const modes = o.type === 'macvlan' ? NadDefaults.macvlanModes : NadDefaults.ipvlanModes;
    o.mode = await p.select({ message: `${o.type} mode`, choices: modes.map((m) => ({ name: m, value: m })), default: modes[0] });
  }
  if (missingOptions(o).includes('--vlan')) {
    o.vlan = Number(await p.input({ message: 'VLAN id (1-4094)', validate: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 4094 ? true : 'enter 1..4094') }));
  }
  if (!o.ipam) {
    o.ipam = await p.select({ message: 'IPAM', choices: [...NadDefaults.ipamTypes, 'none'].map((t) => ({ name: t, value: t })), default: 'host-local' });
  }
  if (missingOptions(o).includes('--subnet')) {
    o.subnet = await p.input({ message: 'subnet (CIDR)', default: '10.10.0.0/24', validate: cidrOk });
    if (o.rangeStart === undefined) o.rangeStart = (await p.input({ message: 'first address to hand out (empty: whole subnet)', default: '', validate: ipOk })) || undefined;
    if (o.rangeEnd === undefined) o.rangeEnd = (await p.input({ message: 'last address to hand out (empty: whole subnet)', default: '', validate: ipOk })) || undefined;
    if (o.gateway === undefined) o.gateway = (await p.input({ message: 'gateway (empty: none)', default: '', validate: ipOk })) || undefined;
  }
  return o;
}
