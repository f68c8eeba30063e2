/** NAD003: a config has a `type` or a non-empty `plugins` list, and every plugin has a `type`. */
import { CONFIG_PATH } from '../target.js';
import type { Rule, RuleFinding } from './rule.js';

export const nad003: Rule = {
  id: 'NAD003',
  title: 'a plugin type is set',
  level: 'error',
  run({ nad }) {
    const config = nad.config;
    if (config === undefined) return [];
    const out: RuleFinding[] = [];
    if (!nad.isConflist) {
      if (typeof config.type !== 'string' || config.type === '') {
        out.push({ path: [...CONFIG_PATH, 'type'], message: 'the config has neither "type" nor "plugins"', hint: 'set "type" to the CNI plugin binary (e.g. "macvlan"), or list plugins in "plugins"' });
      }
      return out;
    }
    if (!Array.isArray(config.plugins) || config.plugins.length === 0) {
      out.push({ path: [...CONFIG_PATH, 'plugins'], message: '"plugins" must be a non-empty list', hint: 'list at least one plugin object with a "type"' });
      return out;
    }
    config.plugins.forEach((p, i) => {
      const type = typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>).type : undefined;
      if (typeof type !== 'string' || type === '') {
        out.push({ path: [...CONFIG_PATH, 'plugins', i, 'type'], message: `plugins[${i}] has no "type"`, hint: 'each plugin in a conflist names its binary in "type"' });
      }
    });
    return out;
  },
};
