import { objectName } from '../facts.js';
import type { DoctorCheck, DoctorFinding } from '../types.js';

const MULTUS_TYPES = new Set(['multus', 'multus-shim']);

/** The runtime uses the first config file in lexical order: it must be multus's. */
export const configOrderCheck: DoctorCheck = {
  id: 'config-order',
  title: "multus's config is the first CNI config on every node",
  run(facts) {
    if (facts.nodeConfigs === undefined) {
      return [{ check: this.id, severity: 'info', object: 'nodes', message: 'node-side checks were turned off (--no-nodes): the CNI config order was not read' }];
    }
    const findings: DoctorFinding[] = [];
    const byNode = new Map(facts.nodeConfigs.map((c) => [c.node, c]));
    for (const node of facts.nodes) {
      const name = node.metadata?.name ?? '';
      const object = objectName.node(name);
      const config = byNode.get(name);
      if (config === undefined) {
        findings.push({ check: this.id, severity: 'warning', object, message: `node ${name}'s CNI config was not checked (no node helper reached it)`, hint: 'run doctor with --via ssh or --via pod, or `multusctl debug node` on that node' });
        continue;
      }
      if (config.files === undefined) {
        findings.push({ check: this.id, severity: 'warning', object, message: `cannot read ${config.confDir} on node ${name}: ${config.error ?? 'unknown error'}` });
        continue;
      }
      if (config.files.length === 0) {
        findings.push({ check: this.id, severity: 'error', object, message: `${config.confDir} on node ${name} holds no CNI config: the runtime cannot set up any pod network`, hint: 'is the multus daemonset running there? it writes 00-multus.conf' });
        continue;
      }
      const first = config.files[0]!;
      const firstIsMultus = config.firstType !== undefined ? MULTUS_TYPES.has(config.firstType) : first.includes('multus');
      if (firstIsMultus) continue;
      const multusFile = config.files.find((f) => f.includes('multus'));
      findings.push({
        check: this.id, severity: 'error', object,
        message: multusFile === undefined
          ? `the first CNI config on node ${name} is ${first}${config.firstType ? ` (type ${config.firstType})` : ''} and there is no multus config: the runtime never calls multus there`
          : `the first CNI config on node ${name} is ${first}, not ${multusFile}: the runtime never calls multus there`,
        hint: multusFile === undefined
          ? 'check that the multus daemonset runs on that node'
          : `rename ${multusFile} so it sorts first (multus installs 00-multus.conf), or remove ${first}`,
      });
    }
    return findings;
  },
};
