/** Runs the rule registry over NADs and positions each finding in its config and file. */
import { configOffset, configTree } from './config.js';
import type { LintFacts } from './facts.js';
import { formatPath, lineIndex, type LineCol } from './positions.js';
import { RULES, type Rule, type RuleFinding } from './rules/index.js';
import { prepareTarget, type LintTarget } from './target.js';
import type { Finding, LintReport, NadDocument } from './types.js';

export interface LintOptions extends LintFacts {
  rules?: readonly Rule[];
  notes?: string[];
}

class Positions {
  private readonly cache = new Map<string, (o: number) => LineCol>();
  private readonly trees = new Map<string, ReturnType<typeof configTree>>();
  tree(text: string): ReturnType<typeof configTree> {
    if (!this.trees.has(text)) this.trees.set(text, configTree(text));
    return this.trees.get(text);
  }
  of(text: string, offset: number): LineCol {
    let f = this.cache.get(text);
    if (f === undefined) {
      f = lineIndex(text);
      this.cache.set(text, f);
    }
    return f(offset);
  }
}

function position(t: LintTarget, f: RuleFinding, ruleId: string, pos: Positions): Partial<Finding> {
  const src = t.doc.source;
  const out: Partial<Finding> = {};
  const inConfig = f.path[0] === 'spec' && f.path[1] === 'config' && t.configText !== undefined;
  let fileOffset: number | undefined;
  if (inConfig) {
    const configOff = ruleId === 'NAD002' && t.parsed?.error ? t.parsed.error.offset : f.path.length > 2 ? configOffset(pos.tree(t.configText!), f.path.slice(2)) : undefined;
    if (configOff !== undefined) {
      const lc = pos.of(t.configText!, configOff);
      out.configLine = lc.line;
      out.configColumn = lc.column;
      fileOffset = src.configToFile?.(configOff);
    }
  }
  if (fileOffset === undefined) {
    for (let n = f.path.length; n > 0 && fileOffset === undefined; n--) fileOffset = src.fieldOffset?.(formatPath(f.path.slice(0, n)));
  }
  if (fileOffset !== undefined && src.text !== undefined) {
    const lc = pos.of(src.text, fileOffset);
    out.line = lc.line;
    out.column = lc.column;
  }
  return out;
}

/** Lints documents; pure apart from the facts it is given. */
export function lintDocuments(docs: readonly NadDocument[], options: LintOptions = {}): LintReport {
  const rules = options.rules ?? RULES;
  const targets = docs.map(prepareTarget);
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, build: () => T): T => {
    if (!memo.has(key)) memo.set(key, build());
    return memo.get(key) as T;
  };
  const pos = new Positions();
  const findings: Finding[] = [];
  for (const t of targets) {
    const configBroken = t.config === undefined;
    for (const rule of rules) {
      // With a broken config only the rules about the NAD itself and the JSON can say anything useful.
      if (configBroken && rule.id !== 'NAD001' && rule.id !== 'NAD002') continue;
      for (const f of rule.run({ nad: t, all: targets, once, cluster: options.cluster, node: options.node })) {
        findings.push({
          id: rule.id,
          level: f.level ?? rule.level,
          nad: t.ref,
          path: formatPath(f.path),
          message: f.message,
          ...(f.hint === undefined ? {} : { hint: f.hint }),
          ...(t.doc.source.file === undefined ? {} : { file: t.doc.source.file }),
          ...position(t, f, rule.id, pos),
        });
      }
    }
  }
  const count = (level: string): number => findings.filter((f) => f.level === level).length;
  return {
    summary: { nads: targets.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
    findings,
    notes: options.notes ?? [],
  };
}
