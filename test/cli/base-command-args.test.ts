/** Piped stdin never becomes an omitted argument: only `-` (where a command offers it) reads stdin. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BASE = fileURLToPath(new URL('../../src/cli/base-command.js', import.meta.url));

const probe = `
import { Args } from '@oclif/core';
import { BaseCommand } from ${JSON.stringify(BASE)};
class Probe extends BaseCommand {
  static args = { iface: Args.string({ description: 'optional' }) };
  async run() { process.stdout.write(JSON.stringify({ iface: this.args.iface ?? null })); }
}
await Probe.run(process.argv.slice(1), ${JSON.stringify(ROOT)});
`;

function runProbe(args: string[], stdin: string): { iface: string | null } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, ...args], { cwd: ROOT, input: stdin, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { iface: string | null };
}

test('an omitted optional argument stays unset when stdin is piped', () => {
  assert.deepEqual(runProbe([], 'net9\n'), { iface: null });
});

test('a given argument is used as given, whatever stdin holds', () => {
  assert.deepEqual(runProbe(['net1'], 'net9\n'), { iface: 'net1' });
});
