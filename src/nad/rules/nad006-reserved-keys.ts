/** NAD006: keys the runtime sets (runtimeConfig, args, prevResult, cni.dev/*) are not set by hand. */
import type { Rule, RuleFinding } from './rule.js';

const RESERVED = ['runtimeConfig', 'args', 'prevResult'];

export const nad006: Rule = {
  id: 'NAD006',
  title: 'no runtime-reserved keys',
  level: 'warning',
  run({ nad }) {
    const out: RuleFinding[] = [];
    const objects = nad.isConflist && nad.config !== undefined ? [{ path: ['spec', 'config'], config: nad.config }, ...nad.plugins] : nad.plugins;
    for (const { path, config } of objects) {
      for (const key of Object.keys(config)) {
        if (RESERVED.includes(key) || key.startsWith('cni.dev/')) {
          out.push({
            level: key === 'prevResult' ? 'error' : 'warning',
            path: [...path, key],
            message: `"${key}" is set by the runtime, not in a network config`,
            hint: key === 'args' ? 'per-pod args belong in the pod annotation ("cni-args" in the networks element)' : key === 'runtimeConfig' ? 'declare "capabilities" instead; the runtime fills runtimeConfig' : 'remove it',
          });
        }
      }
    }
    return out;
  },
};
