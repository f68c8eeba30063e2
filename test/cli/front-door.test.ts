/** frontDoorDecision: which argv and environments the oclif-free front door takes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frontDoorDecision, FRONT_DOOR_COMMANDS } from '../../src/cli/front-door.js';
import { REPO_ROOT } from '../e2e/helpers.js';

function reason(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  const d = frontDoorDecision(argv, env);
  assert.ok(!d.mine, `took ${argv.join(' ')}`);
  return d.reason;
}

test('takes a valid add, del or check, with each verb its own flags', () => {
  const add = frontDoorDecision(['add', '--pod', 'default/web', '--netns', '/x', '--no-status'], {});
  assert.ok(add.mine && add.id === 'add');
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
  assert.match(reason(['nad', 'validate', 'x']), /nad validate is not one of add, del, check, nad list, nad get, nad delete, pod list/);
  assert.match(reason(['lab', 'up']), /lab up is not one of/);
  assert.match(reason([]), /no command is not one of/);
  assert.match(reason(argv, { MULTUSCTL_NO_FAST_PATH: '1' }), /MULTUSCTL_NO_FAST_PATH is set/);
  assert.match(reason(argv, { DEBUG: 'oclif*' }), /DEBUG is set/);
  assert.match(reason(argv, { MULTUSCTL_DEBUG: '1' }), /MULTUSCTL_DEBUG is set/);
  assert.match(reason(argv, { CLI_FLAGS_DEBUG: '1' }), /CLI_FLAGS_DEBUG is set/);
  // Set but empty counts as unset, as for oclif.
  assert.ok(frontDoorDecision(argv, { MULTUSCTL_NO_FAST_PATH: '', DEBUG: '' }).mine);
});

test('takes a valid nad list (two words), with its own flags and the global ones', () => {
  const list = frontDoorDecision(['nad', 'list', '-A', '-o', 'json', '--kubeconfig', '/k'], {});
  assert.ok(list.mine && list.id === 'nad list');
  assert.equal(list.flags['all-namespaces'], true);
  assert.equal(list.flags.output, 'json');
  assert.equal(list.flags.kubeconfig, '/k');
  const plain = frontDoorDecision(['nad', 'list'], {});
  assert.ok(plain.mine && plain.flags['all-namespaces'] === undefined && plain.flags.output === 'table');
  assert.match(reason(['nad', 'list', 'extra']), /Unexpected argument|positional/i);
  assert.match(reason(['nad', 'list', '--pod', 'x']), /Unknown option '--pod'/);
  assert.match(reason(['nad']), /nad is not one of/);
});

test('bin/run.js names exactly the front door’s commands (it routes them before loading anything)', () => {
  const launcher = readFileSync(join(REPO_ROOT, 'bin', 'run.js'), 'utf8');
  const listed = /const FRONT_DOOR_COMMANDS = (\[[^\]]*\]);/.exec(launcher)?.[1];
  assert.ok(listed, 'bin/run.js has its FRONT_DOOR_COMMANDS list');
  assert.deepEqual(JSON.parse(listed.replaceAll("'", '"')), Object.keys(FRONT_DOOR_COMMANDS));
});

test('nad get and nad delete take their NAD name as the one argument', () => {
  const get = frontDoorDecision(['nad', 'get', 'macvlan-conf', '-o', 'yaml'], {});
  assert.ok(get.mine && get.id === 'nad get');
  assert.deepEqual(get.args, { name: 'macvlan-conf' });
  const del = frontDoorDecision(['nad', 'delete', 'x', '--force', '-n', 'team'], {});
  assert.ok(del.mine && del.id === 'nad delete' && del.flags.force === true && del.args.name === 'x');
  assert.match(reason(['nad', 'get']), /the name argument is required/);
  assert.match(reason(['nad', 'get', 'a', 'b']), /unexpected argument "b"/);
  assert.match(reason(['nad', 'get', '']), /an empty name/);
  assert.match(reason(['nad', 'get', '--', 'x']), /arguments after --/);
  assert.match(reason(['nad', 'get', 'x', '--force']), /Unknown option '--force'/);
});
