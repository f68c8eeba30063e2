/** NAD001: metadata.name must be a DNS-1123 subdomain; pods' short references need a label. */
import { dns1123LabelProblem, dns1123SubdomainProblem } from '../names.js';
import type { Rule, RuleFinding } from './rule.js';

export const nad001: Rule = {
  id: 'NAD001',
  title: 'metadata.name and namespace are valid DNS-1123 names',
  level: 'error',
  run({ nad, all, once }) {
    const out: RuleFinding[] = [];
    if (nad.doc.source.bare) return out;
    const counts = once('NAD001.refs', () => {
      const m = new Map<string, number>();
      for (const t of all) if (!t.doc.source.bare) m.set(t.ref, (m.get(t.ref) ?? 0) + 1);
      return m;
    });
    if ((counts.get(nad.ref) ?? 0) > 1) {
      out.push({ level: 'warning', path: ['metadata', 'name'], message: `${nad.ref} is defined ${counts.get(nad.ref)} times in this input`, hint: 'the last one applied wins; keep one definition' });
    }
    const problem = dns1123SubdomainProblem(nad.name);
    if (problem !== undefined) {
      out.push({ path: ['metadata', 'name'], message: `metadata.name ${JSON.stringify(nad.name)} ${problem}`, hint: `use lower-case letters, digits, '-' and '.', e.g. ${JSON.stringify(suggestName(nad.name))}` });
    } else if (dns1123LabelProblem(nad.name) !== undefined) {
      out.push({ level: 'warning', path: ['metadata', 'name'], message: `metadata.name ${JSON.stringify(nad.name)} is not a DNS-1123 label (${dns1123LabelProblem(nad.name)})`, hint: 'pods can then reference it only with the JSON form of k8s.v1.cni.cncf.io/networks; prefer a name without dots, at most 63 characters' });
    }
    if (nad.namespace !== undefined) {
      const ns = dns1123LabelProblem(nad.namespace);
      if (ns !== undefined) out.push({ path: ['metadata', 'namespace'], message: `metadata.namespace ${JSON.stringify(nad.namespace)} ${ns}`, hint: 'namespaces are DNS-1123 labels: lower-case letters, digits and -' });
    }
    return out;
  },
};

export function suggestName(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 63);
  return s === '' ? 'my-network' : s;
}
