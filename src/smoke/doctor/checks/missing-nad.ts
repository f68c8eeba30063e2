import { formatElementShort } from '../../../multus/annotation.js';
import { objectName } from '../facts.js';
import { suggestNadRef } from '../suggest.js';
import type { DoctorCheck, DoctorFinding } from '../types.js';

/** Every network a pod asks for must exist as a NAD, else multus fails the pod's ADD. */
export const missingNadCheck: DoctorCheck = {
  id: 'missing-nad',
  title: 'every networks annotation parses and names NADs that exist',
  run(facts) {
    const findings: DoctorFinding[] = [];
    for (const pod of facts.attachments) {
      const object = objectName.pod(pod.namespace, pod.name);
      if (pod.networksError !== undefined) {
        findings.push({ check: this.id, severity: 'error', object, message: `networks annotation cannot be parsed: ${pod.networksError}`, hint: 'use the comma form ns/name@ifname, or a JSON list of {"name": ...} objects' });
        continue;
      }
      for (const element of pod.requested) {
        const ref = `${element.namespace}/${element.name}`;
        if (facts.nadsByRef.has(ref)) continue;
        const suggestion = suggestNadRef(element.namespace, element.name, facts.nadsByRef.keys());
        findings.push({
          check: this.id, severity: 'error', object,
          message: `requests ${formatElementShort(element)}, but there is no NetworkAttachmentDefinition ${element.name} in namespace ${element.namespace}`,
          hint: suggestion !== undefined ? `did you mean ${suggestion}?` : `create it (multusctl nad create ${element.name} -n ${element.namespace}) or fix the annotation`,
        });
      }
    }
    return findings;
  },
};
