import { objectName } from '../facts.js';
import { isCrossNadOverlap } from '../lint.js';
import type { DoctorCheck } from '../types.js';

/** Every NAD passes `nad validate` (cluster mode); cross-NAD overlaps are nad-overlap's. */
export const nadLintCheck: DoctorCheck = {
  id: 'nad-lint',
  title: 'every NAD passes the NAD lint rules',
  run(facts) {
    return facts.lint.findings.filter((f) => !isCrossNadOverlap(f)).map((f) => ({
      check: this.id, severity: f.level, object: objectName.nad(f.nad),
      message: `${f.id} ${f.path}: ${f.message}`,
      ...(f.hint ? { hint: f.hint } : {}),
    }));
  },
};
