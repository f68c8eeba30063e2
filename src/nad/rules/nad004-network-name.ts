/** NAD004: a conflist has a `name`; a network name uses only [a-zA-Z0-9_.-] (libcni's rule). */
import { CONFIG_PATH } from '../target.js';
import type { Rule, RuleFinding } from './rule.js';

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export const nad004: Rule = {
  id: 'NAD004',
  title: 'the network name is set and valid',
  level: 'error',
  run({ nad }) {
    const config = nad.config;
    if (config === undefined) return [];
    const out: RuleFinding[] = [];
    const name = config.name;
    if (name === undefined || name === '') {
      if (nad.isConflist) {
        out.push({ level: 'warning', path: [...CONFIG_PATH, 'name'], message: 'the conflist has no "name"; Multus uses the NAD name, other CNI tools reject it', hint: `add "name": ${JSON.stringify(nad.name || 'my-network')}` });
      }
      return out;
    }
    if (typeof name !== 'string') {
      out.push({ path: [...CONFIG_PATH, 'name'], message: `"name" must be a string, not ${JSON.stringify(name)}` });
    } else if (!NETWORK_NAME.test(name)) {
      const bad = [...name].find((c) => !/[a-zA-Z0-9_.-]/.test(c));
      out.push({ path: [...CONFIG_PATH, 'name'], message: `network name ${JSON.stringify(name)} ${bad === undefined ? 'must start with a letter or digit' : `contains ${JSON.stringify(bad)}`}`, hint: 'libcni accepts only letters, digits, _ . and - (it names host-local lease directories and cache files)' });
    }
    return out;
  },
};
