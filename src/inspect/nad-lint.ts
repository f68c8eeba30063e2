/**
 * The NAD linter (src/nad) over the NADs a pod uses, with the pod's node as facts (binaries in
 * binDir, interfaces for masters: NAD011), grouped by namespace/name for `pod inspect`.
 */
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import type { NodeFacts } from '../nad/facts.js';
import { lintDocuments } from '../nad/lint.js';
import type { NadLintFinding } from './pod-inspect.js';

export function lintPodNads(nads: ReadonlyMap<string, NetworkAttachmentDefinition | undefined>, node?: NodeFacts): Map<string, NadLintFinding[]> {
  const found = [...nads.values()].filter((n): n is NetworkAttachmentDefinition => n !== undefined);
  const report = lintDocuments(found.map((nad, index) => ({ nad, source: { index } })), node ? { node } : {});
  const out = new Map<string, NadLintFinding[]>();
  for (const f of report.findings) {
    out.set(f.nad, [...(out.get(f.nad) ?? []), { id: f.id, level: f.level, message: f.path ? `${f.path}: ${f.message}` : f.message }]);
  }
  return out;
}
