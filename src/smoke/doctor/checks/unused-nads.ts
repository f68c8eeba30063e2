import { Annotations } from '../../../constants.js';
import { parseNetworkAnnotation } from '../../../multus/annotation.js';
import { MULTUS_NAMESPACE } from '../../../constants.js';
import { objectName } from '../facts.js';
import type { DoctorCheck, DoctorFinding } from '../types.js';

/** NADs no pod refers to: harmless, but often a leftover or a typo's other half. */
export const unusedNadsCheck: DoctorCheck = {
  id: 'unused-nads',
  title: 'every NAD is used by some pod',
  run(facts) {
    const used = new Set<string>();
    for (const pod of facts.attachments) for (const e of pod.requested) used.add(`${e.namespace}/${e.name}`);
    for (const pod of facts.pods) {
      const value = pod.metadata?.annotations?.[Annotations.defaultNetwork];
      if (value === undefined || value.trim() === '') continue;
      try {
        for (const e of parseNetworkAnnotation(value, MULTUS_NAMESPACE)) used.add(`${e.namespace}/${e.name}`);
      } catch {
        // An unparsable default-network annotation uses nothing; multus rejects that pod.
      }
    }
    const findings: DoctorFinding[] = [];
    for (const ref of facts.nadsByRef.keys()) {
      if (used.has(ref)) continue;
      findings.push({
        check: this.id, severity: 'info', object: objectName.nad(ref),
        message: `no pod uses ${ref}`,
        hint: ref.startsWith(`${MULTUS_NAMESPACE}/`) ? "it may be multus's clusterNetwork or defaultNetworks, which pods do not name" : `delete it if it is a leftover (multusctl nad delete ${ref.split('/')[1]} -n ${ref.split('/')[0]})`,
      });
    }
    return findings;
  },
};
