/**
 * Command flags as plain data: the one definition of a flag. src/cli/oclif-flags.ts turns a spec
 * into oclif flags (the command classes, --help, the manifest, man pages); src/cli/parse-flags.ts
 * parses argv against the same spec for the oclif-free front door of `add|del|check`. This module
 * must not import @oclif/core: the front door loads it.
 */

type Lower = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm' | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';
/** A short flag (`-n`): one ASCII letter, as oclif allows. */
export type FlagChar = Lower | Uppercase<Lower>;

interface CommonSpec {
  readonly description: string;
  readonly char?: FlagChar;
  readonly helpGroup?: string;
  readonly required?: boolean;
}

export interface BooleanFlagSpec extends CommonSpec {
  readonly type: 'boolean';
}

export interface StringFlagSpec extends CommonSpec {
  readonly type: 'string';
  readonly default?: string;
}

/** A string flag whose value must be one of `options`. */
export interface OptionFlagSpec extends CommonSpec {
  readonly type: 'option';
  readonly options: readonly string[];
  readonly default?: string;
}

export type FlagSpec = BooleanFlagSpec | StringFlagSpec | OptionFlagSpec;
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** A flag that always has a value once parsed: required, or with a default. */
type Present<S> = S extends { readonly required: true } ? true : S extends { readonly default: string } ? true : false;

/**
 * The parsed value of a flag, the type oclif infers for the same flag: `boolean` for a boolean,
 * the options' union for an option, `string` for a string, `| undefined` unless required or
 * defaulted (oclif types an absent boolean as boolean although it leaves it undefined).
 */
export type FlagValue<S extends FlagSpec> = S extends BooleanFlagSpec
  ? boolean
  : S extends { readonly options: readonly (infer O)[] }
    ? Present<S> extends true
      ? O
      : O | undefined
    : Present<S> extends true
      ? string
      : string | undefined;

export type FlagValues<S extends FlagSpecs> = { -readonly [K in keyof S]: FlagValue<S[K]> };

/** A positional argument as data (a string; arguments come in declaration order). */
export interface ArgSpec {
  readonly description: string;
  readonly required?: boolean;
}

export type ArgSpecs = Readonly<Record<string, ArgSpec>>;

/** The parsed value of each argument: `string`, `| undefined` unless required (as oclif infers). */
export type ArgValues<A extends ArgSpecs> = { -readonly [K in keyof A]: A[K] extends { readonly required: true } ? string : string | undefined };
