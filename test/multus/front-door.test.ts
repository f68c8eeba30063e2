/** frontDoorDecision: which `add|del|check` argv and environments the oclif-free front door takes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frontDoorDecision } from '../../src/multus/invoke-main.js';

function reason(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  const d = frontDoorDecision(argv, env);
  assert.ok(!d.mine, `took ${argv.join(' ')}`);
  return d.reason;
}

test('takes a valid add, del or check, with each verb its own flags', () => {
  const add = frontDoorDecision(['add', '--pod', 'default/web', '--netns', '/x', '--no-status'], {});
  assert.ok(add.mine && add.verb === 'add');
  assert.equal(add.flags['no-status'], true);
  assert.equal(add.flags.output, 'table');
  const del = frontDoorDecision(['del', '--pod', 'web', '-n', 'ns'], {});
  assert.ok(del.mine);
  assert.equal(del.flags.namespace, 'ns');
  assert.ok(frontDoorDecision(['check', '--pod', 'web', '-o', 'json'], {}).mine);
  // --no-status is add's alone.
  assert.match(reason(['del', '--pod', 'web', '--no-status']), /Unknown option '--no-status'/);
});

test('leaves other commands, and environments where oclif prints something of its own, to oclif', () => {
  const argv = ['add', '--pod', 'web', '--netns', '/x'];
  assert.match(reason(['nad', 'list']), /nad is not add, del or check/);
  assert.match(reason([]), /no command is not add, del or check/);
  assert.match(reason(argv, { MULTUSCTL_NO_FAST_PATH: '1' }), /MULTUSCTL_NO_FAST_PATH is set/);
  assert.match(reason(argv, { DEBUG: 'oclif*' }), /DEBUG is set/);
  assert.match(reason(argv, { MULTUSCTL_DEBUG: '1' }), /MULTUSCTL_DEBUG is set/);
  assert.match(reason(argv, { CLI_FLAGS_DEBUG: '1' }), /CLI_FLAGS_DEBUG is set/);
  // Set but empty counts as unset, as for oclif.
  assert.ok(frontDoorDecision(argv, { MULTUSCTL_NO_FAST_PATH: '', DEBUG: '' }).mine);
});
