import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Channel,
  chooseProtocol,
  errorPayload,
  exitCodeOf,
  exitCodeStatus,
  failureStatus,
  frame,
  parseExecQuery,
  parseFrame,
  processExitCode,
  successStatus,
  validateExecRequest,
} from '../../../src/lab/apiserver/exec-protocol.js';
import { parseResize, ttyArgv } from '../../../src/lab/apiserver/exec-tty.js';

test('the newest offered protocol wins, unknown ones are ignored', () => {
  assert.equal(chooseProtocol(['v4.channel.k8s.io', ' v5.channel.k8s.io']), 'v5.channel.k8s.io');
  assert.equal(chooseProtocol(['base64.channel.k8s.io', 'v4.channel.k8s.io']), 'v4.channel.k8s.io');
  assert.equal(chooseProtocol(['channel.k8s.io']), 'channel.k8s.io');
  assert.equal(chooseProtocol(['SPDY/3.1', '']), undefined);
});

test('the query: command repeats in order, flags default like the kubelet', () => {
  const q = new URLSearchParams('command=ip&command=-j&command=addr&container=main&stdin=true&stdout=true&stderr=false&tty=false');
  assert.deepEqual(parseExecQuery(q), { command: ['ip', '-j', 'addr'], container: 'main', stdin: true, stdout: true, stderr: false, tty: false });
  assert.deepEqual(parseExecQuery(new URLSearchParams('command=ls&container=')), { command: ['ls'], stdin: false, stdout: true, stderr: true, tty: false });
  assert.equal(parseExecQuery(new URLSearchParams('command=x&stdin=1')).stdin, true);
  // kubectl -it asks for stderr too; a terminal has one output stream, as the kubelet does it.
  assert.equal(parseExecQuery(new URLSearchParams('command=sh&tty=true&stderr=true')).stderr, false);
});

test('requests that cannot run say why', () => {
  const ok = { command: ['ls'], stdin: false, stdout: true, stderr: true, tty: false };
  assert.equal(validateExecRequest(ok, ['main']), undefined);
  assert.match(validateExecRequest({ ...ok, command: [] }, ['main']) ?? '', /at least one command/);
  assert.match(validateExecRequest({ ...ok, stdout: false, stderr: false }, []) ?? '', /at least one of stdin/);
  assert.match(validateExecRequest({ ...ok, container: 'side' }, ['main', 'other']) ?? '', /container side is not valid.*main, other/);
});

test('frames round-trip for any channel and payload', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }), (channel, data) => {
      const f = parseFrame(frame(channel, data));
      assert.equal(f?.channel, channel);
      assert.deepEqual([...(f?.data ?? [])], [...data]);
    }),
  );
  assert.equal(parseFrame(Buffer.alloc(0)), undefined);
  assert.deepEqual([...frame(Channel.stderr, 'é')], [2, 0xc3, 0xa9]);
});

test('exit codes survive the status channel as kubectl reads them', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 255 }), (n) => {
      const status = JSON.parse(errorPayload('v5.channel.k8s.io', exitCodeStatus(n, ['sh', '-c', 'x']))!) as ReturnType<typeof exitCodeStatus>;
      assert.equal(status.reason, 'NonZeroExitCode');
      assert.deepEqual(status.details?.causes, [{ reason: 'ExitCode', message: String(n) }]);
      assert.equal(exitCodeOf(status), n);
    }),
  );
  assert.equal(exitCodeOf(successStatus()), 0);
  assert.equal(exitCodeOf(failureStatus('no sandbox')), undefined);
  assert.equal(exitCodeOf({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: 'x' }] } }), undefined);
});

test('before v4 the error channel carries text, and nothing on success', () => {
  assert.equal(errorPayload('channel.k8s.io', successStatus()), undefined);
  assert.match(errorPayload('v3.channel.k8s.io', exitCodeStatus(3, ['false'])) ?? '', /exit code 3/);
  assert.equal(errorPayload('v4.channel.k8s.io', successStatus()), JSON.stringify(successStatus()));
});

test('resize frames: positive sizes only', () => {
  assert.deepEqual(parseResize(Buffer.from('{"Width":80,"Height":24}')), { width: 80, height: 24 });
  assert.equal(parseResize(Buffer.from('{"Width":0,"Height":0}')), undefined);
  assert.equal(parseResize(Buffer.from('{"Width":"80; rm -rf /","Height":24}')), undefined);
  assert.equal(parseResize(Buffer.from('not json')), undefined);
  assert.deepEqual(ttyArgv(['sh', '-c', "echo 'x'"]).slice(0, 4), ['script', '--quiet', '--return', '--command']);
});

test('a process killed by a signal reports 128 + its number', () => {
  assert.equal(processExitCode(0, undefined), 0);
  assert.equal(processExitCode(null, 15), 143);
  assert.equal(processExitCode(7, 9), 7);
});
