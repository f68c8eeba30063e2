/**
 * Parses argv against a flag spec with node's util.parseArgs (strict), for the oclif-free front
 * door of `add|del|check`. It accepts only argv that oclif would parse to exactly the same flags
 * and answers "not mine" for everything else (unknown flags, --help, stray arguments, a missing
 * required flag, an invalid option, and the spellings where oclif and parseArgs differ), so that
 * oclif, unchanged, handles and reports every usage error.
 */
import { parseArgs } from 'node:util';
import type { FlagSpec, FlagSpecs, FlagValues } from './flag-spec.js';

export type FlagParse<S extends FlagSpecs> = { mine: true; flags: FlagValues<S> } | { mine: false; reason: string };

type ParseArgsOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parseArgsOptions(specs: FlagSpecs): ParseArgsOptions {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.char ? { short: spec.char } : {}) }]),
  ) as ParseArgsOptions;
}

const notMine = (reason: string): { mine: false; reason: string } => ({ mine: false, reason });

/** Why oclif might read this value differently, or undefined when both read it the same. */
function valueDoubt(raw: string, value: string, inline: boolean): string | undefined {
  // oclif reads `-n=x` as x, parseArgs as "=x"; keep short flags to `-n x`.
  if (inline && !raw.startsWith('--')) return `${raw}: a short flag's value in the same argument`;
  // oclif rejects a value that names one of the command's flags (`--pod=--netns`).
  if (value.startsWith('-')) return `${raw}: a value that starts with "-"`;
  // Nothing a command can use; oclif and the command's own checks say so.
  if (value === '') return `${raw}: an empty value`;
  return undefined;
}

function checkValue(name: string, spec: FlagSpec, value: string): string | undefined {
  if (spec.type === 'option' && !spec.options.includes(value)) return `--${name}: "${value}" is not one of ${spec.options.join(', ')}`;
  return undefined;
}

const tokenize = (specs: FlagSpecs, argv: readonly string[]) =>
  parseArgs({ args: [...argv], options: parseArgsOptions(specs), strict: true, allowPositionals: false, tokens: true }).tokens;

export function parseFlags<S extends FlagSpecs>(specs: S, argv: readonly string[]): FlagParse<S> {
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(specs, argv);
  } catch (err) {
    // An unknown flag (--help included), a stray argument, a missing value, a boolean given a value.
    return notMine(err instanceof Error ? err.message : String(err));
  }
  const values: Record<string, string | boolean> = {};
  const argIndexes = new Set<number>();
  for (const token of tokens) {
    // The other kind is a `--` with nothing after it (anything after it is a stray argument).
    if (token.kind !== 'option') continue;
    if (argIndexes.has(token.index)) return notMine(`${token.rawName}: short flags grouped into one argument`);
    argIndexes.add(token.index);
    // oclif refuses a repeated value flag; a repeated boolean is rare enough to leave to it as well.
    if (Object.hasOwn(values, token.name)) return notMine(`--${token.name} given more than once`);
    const spec = specs[token.name]!;
    if (token.value === undefined) {
      values[token.name] = true;
      continue;
    }
    const doubt = valueDoubt(token.rawName, token.value, token.inlineValue) ?? checkValue(token.name, spec, token.value);
    if (doubt) return notMine(doubt);
    values[token.name] = token.value;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (Object.hasOwn(values, name)) continue;
    if (spec.required) return notMine(`--${name} is required`);
    if (spec.type !== 'boolean' && spec.default !== undefined) values[name] = spec.default;
  }
  return { mine: true, flags: values as FlagValues<S> };
}
