/** NAD009: macvlan/ipvlan have a master and a known mode; vlan ids and MTUs are in range. */
import { NadDefaults } from '../../constants.js';
import type { Rule, RuleFinding } from './rule.js';

const MODES: Record<string, readonly string[]> = { macvlan: NadDefaults.macvlanModes, ipvlan: NadDefaults.ipvlanModes };

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

export const nad009: Rule = {
  id: 'NAD009',
  title: 'link settings (master, mode, vlan, mtu) are valid',
  level: 'error',
  run({ nad }) {
    const out: RuleFinding[] = [];
    for (const { path, config, type } of nad.plugins) {
      const modes = type === undefined ? undefined : MODES[type];
      if (modes !== undefined) {
        if (config.master === undefined || config.master === '') {
          out.push({ level: 'warning', path: [...path, 'master'], message: `${type} without "master": the node's default-route interface is used`, hint: 'name the node interface explicitly, e.g. "master": "eth1"' });
        }
        if (config.mode !== undefined && !modes.includes(config.mode as string)) {
          out.push({ path: [...path, 'mode'], message: `${type} mode ${JSON.stringify(config.mode)} does not exist`, hint: `use one of ${modes.join(', ')}` });
        }
      }
      for (const key of ['vlan', 'vlanId'] as const) {
        const v = config[key];
        if (v === undefined) continue;
        const min = type === 'sriov' && key === 'vlan' ? 0 : NadDefaults.vlanMin;
        if (!isInt(v) || v < min || v > NadDefaults.vlanMax) {
          out.push({ path: [...path, key], message: `${key} ${JSON.stringify(v)} is outside ${min}..${NadDefaults.vlanMax}`, hint: 'a VLAN id is an integer from 1 to 4094' });
        }
      }
      if (config.mtu !== undefined) {
        const v = config.mtu;
        if (!isInt(v) || v < NadDefaults.mtuMin || v > NadDefaults.mtuMax) {
          out.push({ path: [...path, 'mtu'], message: `mtu ${JSON.stringify(v)} is outside ${NadDefaults.mtuMin}..${NadDefaults.mtuMax}`, hint: 'an MTU is an integer; 1500 or your underlay MTU minus overhead' });
        }
      }
    }
    return out;
  },
};
