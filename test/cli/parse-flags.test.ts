/**
 * parseFlags, the argv parser of the front door of `add|del|check`: what it accepts and what it
 * leaves to oclif ("not mine"), and, under fast-check, that it never throws and that whatever it
 * accepts oclif's own parser reads as exactly the same flags (so running it without oclif cannot
 * change what a command line means).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Parser, type Interfaces } from '@oclif/core';
import type { FlagValues } from '../../src/cli/flag-spec.js';
import { globalFlags } from '../../src/cli/global-flags.js';
import { oclifArgs, oclifFlags, type OclifFlags } from '../../src/cli/oclif-flags.js';
import { parseFlags } from '../../src/cli/parse-flags.js';
import { addFlags } from '../../src/multus/command-flags.js';
import { nadDeleteFlags, nadNameArgs } from '../../src/nad/command-flags.js';

const ADD = { ...addFlags, ...globalFlags };
const DEFAULTS = { ifname: 'eth0', conf: '/etc/cni/net.d', output: 'table' };

// Compile-time checks (tsc fails when they do not hold): the values parseFlags returns have the
// types oclif infers for `this.flags` from the converted spec, and those are the types of the
// flags as they were written with Flags.* before (string | undefined unless required or defaulted).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };
const sameAsOclif: Equal<Flat<Omit<Interfaces.InferredFlags<OclifFlags<typeof ADD>>, 'json'>>, Flat<FlagValues<typeof ADD>>> = true;
const asBefore: Equal<
  Flat<FlagValues<typeof ADD>>,
  {
    pod: string;
    'container-id': string | undefined;
    netns: string | undefined;
    ifname: string;
    conf: string;
    'bin-dir': string | undefined;
    'cni-dir': string | undefined;
    'dry-run': boolean;
    trace: boolean;
    'no-status': boolean;
    kubeconfig: string | undefined;
    context: string | undefined;
    namespace: string | undefined;
    output: 'table' | 'wide' | 'json' | 'yaml';
    'no-color': boolean;
    debug: boolean;
    timeout: string | undefined;
  }
> = true;
void [sameAsOclif, asBefore];

function flagsOf(argv: string[]): Record<string, unknown> {
  const r = parseFlags(ADD, argv);
  assert.ok(r.mine, r.mine ? '' : r.reason);
  return r.flags;
}

function reasonOf(argv: string[]): string {
  const r = parseFlags(ADD, argv);
  assert.ok(!r.mine, `took ${JSON.stringify(argv)}`);
  return r.reason;
}

test('long, --flag=value and short flags; booleans; defaults for what is not given', () => {
  assert.deepEqual(flagsOf(['--pod', 'default/web', '--netns=/var/run/netns/web', '-n', 'kube-system', '-o', 'json', '--dry-run', '-v']), {
    ...DEFAULTS,
    pod: 'default/web',
    netns: '/var/run/netns/web',
    namespace: 'kube-system',
    output: 'json',
    'dry-run': true,
    debug: true,
  });
  // Absent booleans stay absent (undefined), as oclif leaves them.
  assert.deepEqual(flagsOf(['--pod', 'web']), { ...DEFAULTS, pod: 'web' });
  assert.deepEqual(flagsOf(['--conf', '/tmp/c', '--ifname=net0', '--pod', 'web']), { ...DEFAULTS, pod: 'web', conf: '/tmp/c', ifname: 'net0' });
});

test('a trailing -- is accepted (oclif ignores it); anything after it is a stray argument', () => {
  assert.deepEqual(flagsOf(['--pod', 'web', '--']), { ...DEFAULTS, pod: 'web' });
  assert.match(reasonOf(['--pod', 'web', '--', 'x']), /Unexpected argument 'x'/);
  assert.match(reasonOf(['--', '--pod', 'web']), /Unexpected argument '--pod'/);
});

test('not mine: help, unknown flags, stray arguments, missing required, invalid option, repeats', () => {
  assert.match(reasonOf(['--pod', 'web', '--help']), /Unknown option '--help'/);
  assert.match(reasonOf(['-h', '--pod', 'web']), /Unknown option '-h'/);
  assert.match(reasonOf(['--pod', 'web', '--bogus']), /Unknown option '--bogus'/);
  assert.match(reasonOf(['--pod', 'web', 'stray']), /Unexpected argument 'stray'/);
  assert.match(reasonOf(['--netns', '/x']), /--pod is required/);
  assert.match(reasonOf(['--pod', 'web', '-o', 'xml']), /--output: "xml" is not one of table, wide, json, yaml/);
  assert.match(reasonOf(['--pod', 'a', '--pod', 'b']), /--pod given more than once/);
  assert.match(reasonOf(['--pod', 'a', '--trace', '--trace']), /--trace given more than once/);
  assert.match(reasonOf(['--pod']), /argument missing/);
  assert.match(reasonOf(['--pod', 'web', '--dry-run=yes']), /does not take an argument/);
});

test('not mine: the spellings oclif reads differently from parseArgs', () => {
  assert.match(reasonOf(['--pod', 'web', '-n=kube-system']), /-n: a short flag's value in the same argument/);
  assert.match(reasonOf(['--pod', 'web', '-ojson']), /-o: a short flag's value in the same argument/);
  assert.match(reasonOf(['--pod', 'web', '-vn', 'x']), /short flags grouped into one argument/);
  assert.match(reasonOf(['--pod=--netns']), /a value that starts with "-"/);
  assert.match(reasonOf(['--pod', '-x']), /argument is ambiguous/);
  assert.match(reasonOf(['--pod=']), /an empty value/);
});

test('property: any argv parses or is not mine, never throws', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 8 }), (argv) => {
      const r = parseFlags(ADD, argv);
      if (r.mine) assert.equal(typeof r.flags.pod, 'string');
      else assert.ok(r.reason.length > 0);
    }),
    { numRuns: 2000 },
  );
});

/** Argv words, valid and not: the spellings where oclif and parseArgs could read a line differently. */
const WORDS = [
  '--pod', '--pod=default/web', 'default/web', '--netns', '/var/run/netns/x', '--netns=', '-n', 'kube-system', '-o', 'json',
  'yaml', 'xml', '-ojson', '-o=json', '-nfoo', '-n=foo', '--output=wide', '--dry-run', '--dry-run=true', '-v', '-vn', '--debug',
  '--no-color', '--no-status', '--no-trace', '--help', '-h', '--', '-', '', '--bogus', '--pod=--netns', '--pod=-x', '--ifname',
  'net1', '-x', '--timeout', '30s', '--trace', '--conf', '--conf=/etc/cni', '--container-id', 'abc', '-1', '--kubeconfig', 'x=y',
];
/** Whole valid pieces of a command line, so that random lines are often valid as a whole. */
const PIECES = [
  ['--netns', '/x'], ['--netns=/x'], ['-n', 'ns'], ['--namespace=ns'], ['-o', 'json'], ['--output', 'wide'], ['-o', 'yaml'],
  ['--dry-run'], ['-v'], ['--trace'], ['--ifname', 'net1'], ['--timeout', '3s'], ['--no-color'], ['--no-status'], ['--'],
];
const commandLine = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
        { weight: 2, arbitrary: fc.constantFrom(...WORDS).map((w) => [w]) },
        { weight: 1, arbitrary: fc.string({ maxLength: 5 }).map((w) => [w]) },
      ),
      { maxLength: 6 },
    ),
  )
  .map(([withPod, pieces]) => [...(withPod ? [['--pod', 'default/web']] : []), ...pieces].flat());

test('property: whatever parseFlags accepts, oclif parses to the same flags', async () => {
  const oclif = oclifFlags(ADD);
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(commandLine, async (argv) => {
      const ours = parseFlags(ADD, argv);
      if (!ours.mine) return;
      accepted += 1;
      const theirs = await Parser.parse([...argv], { flags: oclif, args: {}, strict: true });
      assert.deepEqual(ours.flags, theirs.flags, JSON.stringify(argv));
    }),
    { numRuns: 3000 },
  );
  // The words are chosen so that a good share of random lines are valid: else this proves little.
  assert.ok(accepted > 300, `only ${accepted} of 3000 random command lines were accepted`);
});

test('property: a valid command line in any order and spelling parses to its flags', () => {
  const value = fc.stringMatching(/^[a-z0-9/._][a-z0-9/._=-]{0,10}$/);
  const given = fc.record(
    { netns: value, namespace: value, output: fc.constantFrom('table', 'wide', 'json', 'yaml'), 'dry-run': fc.constant(true), debug: fc.constant(true), ifname: value },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(value, given, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), fc.nat(7), (pod, flags, spellings, rotation) => {
      const all: Record<string, string | boolean> = { pod, ...flags };
      const words = Object.entries(all).map(([name, v], i) => {
        const char = (ADD as Record<string, { char?: string }>)[name]?.char;
        if (v === true) return [spellings[i] && char ? `-${char}` : `--${name}`];
        if (spellings[i]) return char ? [`-${char}`, String(v)] : [`--${name}=${String(v)}`];
        return [`--${name}`, String(v)];
      });
      const at = rotation % words.length;
      const argv = [...words.slice(at), ...words.slice(0, at)].flat();
      assert.deepEqual(flagsOf(argv), { ...DEFAULTS, ...all });
    }),
    { numRuns: 500 },
  );
});

/** nad delete's spec: a required positional NAME, a boolean, and the global flags. */
const DELETE = { ...nadDeleteFlags, ...globalFlags };
const DELETE_WORDS = ['web', 'other', '--force', '-n', 'ns', '-o', 'json', '--', '-', '', '--bogus', '-v', '--force=true', 'a b', '--output=yaml', '-A'];

test('positional arguments: in order, required ones present, none beyond the spec', () => {
  const ok = parseFlags(DELETE, ['web', '--force', '-n', 'ns'], nadNameArgs);
  assert.ok(ok.mine);
  assert.deepEqual(ok.args, { name: 'web' });
  assert.equal(ok.flags.force, true);
  assert.ok(parseFlags(DELETE, ['--force', 'web'], nadNameArgs).mine, 'flags before the argument');
  const reasons = (argv: string[]): string => {
    const r = parseFlags(DELETE, argv, nadNameArgs);
    assert.ok(!r.mine, argv.join(' '));
    return r.reason;
  };
  assert.match(reasons([]), /the name argument is required/);
  assert.match(reasons(['a', 'b']), /unexpected argument "b"/);
  assert.match(reasons(['--', 'a']), /arguments after --/);
  assert.match(reasons(['']), /an empty name/);
  // Without an argument spec any argument stays a stray one (the add/del/check behaviour).
  assert.ok(!parseFlags(ADD, ['--pod', 'x', 'stray']).mine);
});

test('property: whatever parseFlags accepts with arguments, oclif parses to the same flags and arguments', async () => {
  const flags = oclifFlags(DELETE);
  const args = oclifArgs(nadNameArgs);
  let accepted = 0;
  await fc.assert(
    // Half the lines start with a name, so that a good share of them is valid as a whole.
    fc.asyncProperty(fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...DELETE_WORDS), { maxLength: 5 })).map(([named, words]) => (named ? ['web', ...words] : words)), async (argv) => {
      const ours = parseFlags(DELETE, argv, nadNameArgs);
      if (!ours.mine) return;
      accepted += 1;
      const theirs = await Parser.parse([...argv], { flags, args, strict: true });
      assert.deepEqual({ flags: ours.flags, args: ours.args }, { flags: theirs.flags, args: theirs.args }, JSON.stringify(argv));
    }),
    { numRuns: 2000 },
  );
  assert.ok(accepted > 200, `only ${accepted} of 2000 random command lines were accepted`);
});
