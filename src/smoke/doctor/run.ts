import { buildFacts } from './facts.js';
import { DOCTOR_CHECKS } from './registry.js';
import type { DoctorCheck, DoctorFinding, DoctorInput, DoctorReport, Severity } from './types.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Runs every check over the input and sorts what they find into a report. Pure. */
export function runDoctor(input: DoctorInput, checks: readonly DoctorCheck[] = DOCTOR_CHECKS): DoctorReport {
  const facts = buildFacts(input);
  const perCheck: DoctorReport['checks'] = [];
  const findings: DoctorFinding[] = [];
  for (const check of checks) {
    const found = check.run(facts);
    const count = (s: Severity): number => found.filter((f) => f.severity === s).length;
    perCheck.push({ id: check.id, title: check.title, errors: count('error'), warnings: count('warning'), info: count('info') });
    findings.push(...found);
  }
  const order = new Map(checks.map((c, i) => [c.id, i]));
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity] || (order.get(a.check) ?? 0) - (order.get(b.check) ?? 0) || a.object.localeCompare(b.object));
  const total = (s: Severity): number => perCheck.reduce((n, c) => n + (s === 'error' ? c.errors : s === 'warning' ? c.warnings : c.info), 0);
  const errors = total('error');
  const warnings = total('warning');
  return {
    summary: {
      errors, warnings, info: total('info'), checks: checks.length, clean: errors === 0 && warnings === 0,
      nodes: input.nodes.length, pods: input.pods.length, nads: input.nads.length,
    },
    checks: perCheck,
    findings,
  };
}
