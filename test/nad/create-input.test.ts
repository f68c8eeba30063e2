import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../src/cli/errors.js';
import { resolveCreateInput, type CreateInput } from '../../src/nad/create.js';
import { runWizard, type Prompts } from '../../src/nad/wizard.js';

/** Scripted answers in order; records each question. */
function scripted(answers: string[]): { prompts: Prompts; asked: string[] } {
  const asked: string[] = [];
  const next = (message: string, validate?: (v: string) => boolean | string): string => {
    asked.push(message);
    const a = answers.shift();
    if (a === undefined) throw new Error(`unexpected question: ${message}`);
    if (validate) assert.equal(validate(a), true, `answer ${a} to ${message} is invalid`);
    return a;
  };
  return { asked, prompts: { select: async (o) => next(o.message), input: async (o) => next(o.message, o.validate) } };
}

const base = (o: Partial<CreateInput>): CreateInput => ({ options: {}, interactive: false, prompts: async () => { throw new Error('no prompts'); }, ...o });

test('the wizard asks only what the flags left open', async () => {
  const { prompts, asked } = scripted(['eth2', 'vepa', '10.9.0.0/24', '', '', '10.9.0.1']);
  const o = await runWizard({ name: 'w', type: 'macvlan', ipam: 'host-local' }, prompts);
  assert.deepEqual(asked, ['master interface on the node', 'macvlan mode', 'subnet (CIDR)', 'first address to hand out (empty: whole subnet)', 'last address to hand out (empty: whole subnet)', 'gateway (empty: none)']);
  assert.deepEqual(o, { name: 'w', type: 'macvlan', ipam: 'host-local', master: 'eth2', mode: 'vepa', subnet: '10.9.0.0/24', rangeStart: undefined, rangeEnd: undefined, gateway: '10.9.0.1' });
});

test('missing flags without a TTY: a usage error naming them, never a prompt', async () => {
  await assert.rejects(resolveCreateInput(base({ name: 'x', options: { type: 'macvlan' } })), (err: unknown) => {
    assert.ok(err instanceof CliError);
    assert.equal(err.exitCode, 2);
    assert.match(err.message, /missing --master, --ipam \(stdin is not a terminal/);
    return true;
  });
});

test('missing flags on a TTY run the wizard; a complete flag set does not', async () => {
  const { prompts } = scripted(['bridge', 'dhcp']);
  const nad = await resolveCreateInput(base({ name: 'x', interactive: true, prompts: async () => prompts }));
  assert.equal(JSON.parse(nad.spec!.config!).type, 'bridge');
  const direct = await resolveCreateInput(base({ name: 'y', interactive: true, options: { type: 'bridge', ipam: 'dhcp' } }));
  assert.equal(direct.metadata.name, 'y');
});

test('an upper-case NAME is a usage error with a suggestion', async () => {
  await assert.rejects(resolveCreateInput(base({ name: 'Macvlan_Net', options: { type: 'bridge', ipam: 'dhcp' } })), /NAD name "Macvlan_Net" has upper-case letters/);
});

test('-f: a NAD file, a bare config named by NAME, NAME mismatch, several NADs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nad-create-'));
  try {
    const nadFile = join(dir, 'nad.yaml');
    writeFileSync(nadFile, 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: from-file\nspec:\n  config: \'{"cniVersion":"1.0.0","type":"bridge"}\'\n');
    assert.equal((await resolveCreateInput(base({ file: nadFile }))).metadata.name, 'from-file');
    await assert.rejects(resolveCreateInput(base({ file: nadFile, name: 'other' })), /differs from metadata.name from-file/);
    const bare = join(dir, 'bare.json');
    writeFileSync(bare, '{"cniVersion":"1.0.0","name":"Bare_Net","type":"bridge"}');
    const wrapped = await resolveCreateInput(base({ file: bare, name: 'bare' }));
    assert.equal(wrapped.metadata.name, 'bare');
    assert.equal(wrapped.spec?.config, '{"cniVersion":"1.0.0","name":"Bare_Net","type":"bridge"}');
    const two = join(dir, 'two.yaml');
    writeFileSync(two, `${'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: a\n'}---\n${'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: b\n'}`);
    await assert.rejects(resolveCreateInput(base({ file: two })), /holds 2 NADs/);
    await assert.rejects(resolveCreateInput(base({ file: join(dir, 'missing.yaml') })), /cannot read .*missing.yaml: no such file/);
    await assert.rejects(resolveCreateInput(base({ file: '-', stdin: async () => '' })), /stdin is empty/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-f with plugin flags is a usage error naming them', async () => {
  await assert.rejects(resolveCreateInput(base({ file: 'x.yaml', options: { type: 'macvlan', rangeStart: '10.0.0.1', routes: [] } })), /-f cannot be combined with --type, --range-start$/);
});
