/** NAD011 (node mode): every plugin binary exists in binDir and every master interface on the node. */
import { isObject } from '../config.js';
import type { Rule, RuleFinding } from './rule.js';

/** Keys that name an existing node interface, per plugin type. */
const INTERFACE_KEYS: Record<string, string[]> = { macvlan: ['master'], ipvlan: ['master'], vlan: ['master'], 'host-device': ['device'] };

export const nad011: Rule = {
  id: 'NAD011',
  title: 'plugin binaries and master interfaces exist on the node',
  level: 'error',
  run({ nad, node }) {
    if (node === undefined) return [];
    const out: RuleFinding[] = [];
    for (const { path, config, type } of nad.plugins) {
      const binaries: Array<[string, typeof path]> = [];
      if (type !== undefined) binaries.push([type, [...path, 'type']]);
      if (isObject(config.ipam) && typeof config.ipam.type === 'string') binaries.push([config.ipam.type, [...path, 'ipam', 'type']]);
      if (node.binaries !== undefined) {
        for (const [bin, at] of binaries) {
          if (!node.binaries.includes(bin)) out.push({ path: at, message: `plugin binary ${bin} is missing in ${node.binDir} on node ${node.node}`, hint: `install it there (e.g. the containernetworking-plugins package) or fix "type"` });
        }
      }
      if (node.interfaces !== undefined && type !== undefined) {
        for (const key of INTERFACE_KEYS[type] ?? []) {
          const name = config[key];
          if (typeof name !== 'string' || name === '') continue;
          if (!node.interfaces.includes(name)) {
            out.push({ path: [...path, key], message: `${key} ${name} does not exist on node ${node.node}`, hint: `the node has ${node.interfaces.slice(0, 8).join(', ')}${node.interfaces.length > 8 ? ', …' : ''}` });
          }
        }
      }
    }
    return out;
  },
};
