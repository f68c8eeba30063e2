/**
 * Parses argv against a flag spec with node's util.parseArgs (strict), for the oclif-free front
 * door of `add|del|check`. It accepts only argv that oclif would parse to exactly the same flags
 * and answers "not mine" for everything else (unknown flags, --help, stray arguments, a missing
 * required flag, an invalid option, and the spellings where oclif and parseArgs differ), so that
 * oclif, unchanged, handles and reports every usage error.
 */
import { parseArgs } from 'node:util';
import type { ArgSpecs, ArgValues, FlagSpec, FlagSpecs, FlagValues } from './flag-spec.js';

export type FlagParse<S extends FlagSpecs, A extends ArgSpecs = Record<never, never>> = { mine: true; flags: FlagValues<S>; args: ArgValues<A> } | { mine: false; reason: string };

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

const tokenize = (specs: FlagSpecs, argv: readonly string[], allowPositionals: boolean) =>
  parseArgs({ args: [...argv], options: parseArgsOptions(specs), strict: true, allowPositionals, tokens: true }).tokens;

/** `argSpecs`: the command's positional arguments, in order (none by default: any argument is not mine). */
export function parseFlags<S extends FlagSpecs, A extends ArgSpecs = Record<never, never>>(specs: S, argv: readonly string[], argSpecs?: A): FlagParse<S, A> {
  const argNames = Object.keys(argSpecs ?? {});
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(specs, argv, argNames.length > 0);
  } catch (err) {
    // An unknown flag (--help included), a stray argument, a missing value, a boolean given a value.
    return notMine(err instanceof Error ? err.message : String(err));
  }
  const values: Record<string, string | boolean> = {};
  const args: Record<string, string> = {};
  const argIndexes = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') {
      // After `--` oclif and parseArgs may read what follows differently; with nothing after it, both ignore it.
      if (token.index !== argv.length - 1) return notMine('arguments after --');
      continue;
    }
    if (token.kind === 'positional') {
      const name = argNames[Object.keys(args).length];
      if (name === undefined) return notMine(`unexpected argument ${JSON.stringify(token.value)}`);
      // Nothing a command can use (oclif takes "" as given, the command's own checks refuse it).
      if (token.value === '') return notMine(`an empty ${name}`);
      args[name] = token.value;
      continue;
    }
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
  for (const [name, spec] of Object.entries(argSpecs ?? {})) if (spec.required && !Object.hasOwn(args, name)) return notMine(`the ${name} argument is required`);
  return { mine: true, flags: values as FlagValues<S>, args: args as ArgValues<A> };
}
