/** NAD005: cniVersion is set and known; below 0.4.0 there is no CHECK. */
import { KNOWN_CNI_VERSIONS } from '../../constants.js';
import { CONFIG_PATH } from '../target.js';
import type { Rule, RuleFinding } from './rule.js';

function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export const nad005: Rule = {
  id: 'NAD005',
  title: 'cniVersion is set and supported',
  level: 'error',
  run({ nad }) {
    const config = nad.config;
    if (config === undefined) return [];
    const out: RuleFinding[] = [];
    const path = [...CONFIG_PATH, 'cniVersion'];
    const v = config.cniVersion;
    const latest = KNOWN_CNI_VERSIONS.at(-1)!;
    if (v === undefined || v === '') {
      out.push({ level: 'warning', path, message: 'cniVersion is missing: it is treated as 0.1.0 (no CHECK, old result format)', hint: `set "cniVersion": "${latest}" (or the newest your plugins support)` });
    } else if (typeof v !== 'string' || !(KNOWN_CNI_VERSIONS as readonly string[]).includes(v)) {
      out.push({ path, message: `cniVersion ${JSON.stringify(v)} is not a CNI spec version`, hint: `use one of ${KNOWN_CNI_VERSIONS.join(', ')}` });
    } else if (compare(v, '0.4.0') < 0) {
      out.push({ level: 'warning', path, message: `cniVersion ${v} is older than 0.4.0: the runtime cannot CHECK this network`, hint: `use "${latest}" unless a plugin needs the old version` });
    }
    return out;
  },
};
