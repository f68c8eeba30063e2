/**
 * --test selection, as in cilium-cli's connectivity test: each pattern is a regular expression
 * matched against check ids; a leading `!` negates it. A check runs when it matches no negated
 * pattern and, if any plain pattern was given, at least one of them.
 */
import { usageError } from '../../cli/errors.js';

export interface Selector {
  include: RegExp[];
  exclude: RegExp[];
}

export function parseSelector(patterns: readonly string[]): Selector {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const source = negated ? raw.slice(1) : raw;
    if (source.length === 0) throw usageError(`--test "${raw}" is empty`, 'give a regular expression, e.g. --test ping or --test "!ping"');
    let re: RegExp;
    try {
      re = new RegExp(source);
    } catch (err) {
      throw usageError(`--test "${raw}" is not a valid regular expression: ${(err as Error).message}`, 'escape special characters, e.g. --test "ips-in-range"');
    }
    (negated ? exclude : include).push(re);
  }
  return { include, exclude };
}

export function isSelected(selector: Selector, id: string): boolean {
  if (selector.exclude.some((re) => re.test(id))) return false;
  return selector.include.length === 0 || selector.include.some((re) => re.test(id));
}
