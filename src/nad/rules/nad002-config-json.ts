/** NAD002: spec.config is valid JSON and a JSON object (with the error's line and column). */
import type { Rule } from './rule.js';

export const nad002: Rule = {
  id: 'NAD002',
  title: 'spec.config is a JSON object',
  level: 'error',
  run({ nad }) {
    if (nad.doc.configNotString !== undefined) {
      return [{ path: ['spec', 'config'], message: 'spec.config is not a string: it must hold the CNI config as JSON text', hint: "quote it: config: '{\"cniVersion\": …}' or use a block scalar (config: |)" }];
    }
    const text = nad.configText;
    if (text === undefined || text.trim() === '') {
      return [{ level: 'warning', path: ['spec', 'config'], message: 'spec.config is empty: Multus looks for a file with this network name in its confDir on each node', hint: 'put the CNI config into spec.config unless every node has that file' }];
    }
    const err = nad.parsed?.error;
    if (err === undefined) return [];
    return [{ path: ['spec', 'config'], message: `spec.config is not valid JSON: ${err.message} (config line ${err.line}, column ${err.column})`, hint: err.hint }];
  },
};
