import { objectName } from '../facts.js';
import { isCrossNadOverlap } from '../lint.js';
import type { DoctorCheck } from '../types.js';

/** host-local/whereabouts ranges of two NADs overlap: two pods can get the same address. */
export const nadOverlapCheck: DoctorCheck = {
  id: 'nad-overlap',
  title: 'no two NADs hand out addresses from overlapping ranges',
  run(facts) {
    return facts.lint.findings.filter(isCrossNadOverlap).map((f) => ({
      check: this.id, severity: f.level, object: objectName.nad(f.nad),
      message: f.message,
      hint: f.hint ?? 'give each NAD its own subnet or a disjoint rangeStart/rangeEnd',
    }));
  },
};
