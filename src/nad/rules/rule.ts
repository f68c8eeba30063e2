/** What a lint rule is: an id, a title, a default level and a pure run(ctx) → findings. */
import type { LintFacts } from '../facts.js';
import type { LintTarget } from '../target.js';
import type { Level, Path } from '../types.js';

export interface RuleContext extends LintFacts {
  nad: LintTarget;
  /** Every NAD of this run, for cross-NAD rules. */
  all: readonly LintTarget[];
  /** A value computed once per run (e.g. an overlap index over all NADs). */
  once<T>(key: string, build: () => T): T;
}

export interface RuleFinding {
  path: Path;
  message: string;
  hint?: string;
  /** Overrides the rule's level. */
  level?: Level;
}

export interface Rule {
  id: string;
  title: string;
  level: Level;
  run(ctx: RuleContext): RuleFinding[];
}
