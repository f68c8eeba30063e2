import { objectName } from '../facts.js';
import type { DoctorCheck, DoctorFinding } from '../types.js';

/** What multus wrote (network-status) must match what the pod asked for (networks). */
export const networkStatusCheck: DoctorCheck = {
  id: 'network-status',
  title: "pods' network-status exists and matches their networks annotation",
  run(facts) {
    const findings: DoctorFinding[] = [];
    const hostNetwork = new Set(
      facts.pods.filter((p) => p.spec?.hostNetwork === true).map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`),
    );
    for (const pod of facts.attachments) {
      const object = objectName.pod(pod.namespace, pod.name);
      if (hostNetwork.has(`${pod.namespace}/${pod.name}`)) {
        findings.push({ check: this.id, severity: 'warning', object, message: 'uses hostNetwork, so its networks annotation is ignored (the runtime calls no CNI plugin)', hint: 'remove hostNetwork: true or the annotation' });
        continue;
      }
      if (pod.statusError !== undefined) {
        findings.push({ check: this.id, severity: 'error', object, message: `network-status annotation cannot be parsed: ${pod.statusError}` });
      } else if (pod.health === 'missing') {
        findings.push({ check: this.id, severity: 'error', object, message: pod.problems.join('; '), hint: `multusctl pod inspect ${pod.name} -n ${pod.namespace}` });
      } else if (pod.health === 'mismatch') {
        for (const problem of pod.problems) {
          findings.push({ check: this.id, severity: 'error', object, message: problem, hint: `multusctl pod inspect ${pod.name} -n ${pod.namespace}` });
        }
      }
      for (const note of pod.notes) findings.push({ check: this.id, severity: 'info', object, message: note });
    }
    return findings;
  },
};
