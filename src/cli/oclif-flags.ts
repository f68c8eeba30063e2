/**
 * A flag spec (src/cli/flag-spec.ts) as oclif flags, for the command classes and BaseCommand. The
 * flags carry the same properties, in the same order, as when written with `Flags.*` directly, so
 * --help, the manifest and the man pages do not change; the mapped type keeps what oclif infers
 * for `this.flags`.
 */
import { Flags, type Interfaces } from '@oclif/core';
import type { BooleanFlagSpec, FlagSpec, FlagSpecs, FlagValue } from './flag-spec.js';

export type OclifFlag<S extends FlagSpec> = S extends BooleanFlagSpec ? Interfaces.BooleanFlag<boolean> : Interfaces.OptionFlag<FlagValue<S>>;
export type OclifFlags<S extends FlagSpecs> = { -readonly [K in keyof S]: OclifFlag<S[K]> };

/** The spec's properties that are set, so an unset one is absent rather than `undefined`. */
function props(spec: FlagSpec): Record<string, unknown> {
  const { type: _type, ...rest } = spec;
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
