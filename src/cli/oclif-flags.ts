/**
 * A flag spec (src/cli/flag-spec.ts) as oclif flags, for the command classes and BaseCommand. The
 * flags carry the same properties, in the same order, as when written with `Flags.*` directly, so
 * --help, the manifest and the man pages do not change; the mapped type keeps what oclif infers
 * for `this.flags`.
 */
import { Args, Flags, type Interfaces } from '@oclif/core';
import type { ArgSpec, ArgSpecs, ArgValues, BooleanFlagSpec, FlagSpec, FlagSpecs, FlagValue } from './flag-spec.js';

export type OclifFlag<S extends FlagSpec> = S extends BooleanFlagSpec ? Interfaces.BooleanFlag<boolean> : Interfaces.OptionFlag<FlagValue<S>>;
export type OclifFlags<S extends FlagSpecs> = { -readonly [K in keyof S]: OclifFlag<S[K]> };

/** The spec's properties that are set, so an unset one is absent rather than `undefined`. */
function props(spec: FlagSpec | ArgSpec): Record<string, unknown> {
  const { type: _type, ...rest } = spec as FlagSpec;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

function oclifFlag(spec: FlagSpec): Interfaces.BooleanFlag<boolean> | Interfaces.OptionFlag<string | undefined> {
  switch (spec.type) {
    case 'boolean':
      return Flags.boolean<boolean>(props(spec));
    case 'string':
      return Flags.string(props(spec));
    case 'option':
      return Flags.option({ ...props(spec), options: spec.options })();
  }
}

export function oclifFlags<S extends FlagSpecs>(specs: S): OclifFlags<S> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, oclifFlag(spec)])) as OclifFlags<S>;
}

export type OclifArgs<A extends ArgSpecs> = { -readonly [K in keyof A]: Interfaces.Arg<ArgValues<A>[K]> };

/**
 * An argument spec as oclif arguments, with the same properties as when written with `Args.string`
 * (so --help and the manifest do not change). No argument reads piped stdin (BaseCommand says why).
 */
export function oclifArgs<A extends ArgSpecs>(specs: A): OclifArgs<A> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, Args.string({ ignoreStdin: true, ...props(spec) })])) as OclifArgs<A>;
}
