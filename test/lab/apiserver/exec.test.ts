/** The exec handler spoken to as a raw WebSocket client: protocol choice, frames, the status channel. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import WebSocket from 'ws';
import { NETNS_SKIP, NetnsFixture } from '../../support/netns.js';
import { startExecFixture, type ExecFixture } from '../../support/exec-fixture.js';

interface Session {
  protocol: string;
  frames: Array<{ channel: number; text: string }>;
  closeCode: number;
}

function query(argv: string[], extra = ''): string {
  return `${argv.map((a) => `command=${encodeURIComponent(a)}`).join('&')}${extra}`;
}

type Server = Pick<ExecFixture, 'url' | 'token' | 'caCertPem'>;

function connectWs(server: Server, path: string, protocols: string[]): WebSocket {
  return new WebSocket(server.url.replace('https', 'wss') + path, protocols, { ca: server.caCertPem, headers: { Authorization: `Bearer ${server.token}` } });
}

/** Opens an exec WebSocket, sends `send` frames once open, collects every frame until close. */
function session(server: Server, path: string, protocols: string[], send: Buffer[] = []): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = connectWs(server, path, protocols);
    const frames: Session['frames'] = [];
    ws.on('open', () => {
      for (const f of send) ws.send(f);
    });
    ws.on('message', (data: Buffer) => frames.push({ channel: data[0]!, text: data.subarray(1).toString('utf8') }));
    ws.on('close', (code) => resolve({ protocol: ws.protocol, frames, closeCode: code }));
    ws.on('error', reject);
  });
}

function channelText(s: Session, channel: number): string {
  return s.frames.filter((f) => f.channel === channel).map((f) => f.text).join('');
}

describe('pods/exec WebSocket protocol', { skip: NETNS_SKIP }, () => {
  const fx = new NetnsFixture('mw');
  let server: ExecFixture;
  const path = (q: string): string => `/api/v1/namespaces/default/pods/web/exec?${q}`;

  before(async () => {
    server = await startExecFixture();
    await server.addPod('default', 'web', (await fx.add('pod')).path, ['main', 'side']);
  });
  after(async () => {
    await server?.close();
    await fx.cleanup();
  });

  test('v5 when offered, exit code in a Status on channel 3, normal close', async () => {
    const s = await session(server, path(query(['sh', '-c', 'echo hi; exit 42'], '&stdout=true&stderr=true')), ['v4.channel.k8s.io', 'v5.channel.k8s.io']);
    assert.equal(s.protocol, 'v5.channel.k8s.io');
    assert.equal(channelText(s, 1), 'hi\n');
    const status = JSON.parse(channelText(s, 3)) as { status: string; reason: string; details: { causes: unknown[] } };
    assert.equal(status.status, 'Failure');
    assert.equal(status.reason, 'NonZeroExitCode');
    assert.deepEqual(status.details.causes, [{ reason: 'ExitCode', message: '42' }]);
    assert.equal(s.closeCode, 1000);
    assert.equal(s.frames.at(-1)?.channel, 3, 'the status comes last');
  });

  test('v5 stdin: data on channel 0, then the close signal [255, 0] ends it', async () => {
    const s = await session(server, path(query(['cat'], '&stdin=true')), ['v5.channel.k8s.io'], [
      Buffer.from([0, ...Buffer.from('abc')]),
      Buffer.from([0, ...Buffer.from('def')]),
      Buffer.from([255, 0]),
    ]);
    assert.equal(channelText(s, 1), 'abcdef');
    assert.equal(JSON.parse(channelText(s, 3)).status, 'Success');
  });

  test('v4 carries the same Status JSON', async () => {
    const s = await session(server, path(query(['true'])), ['v4.channel.k8s.io']);
    assert.equal(s.protocol, 'v4.channel.k8s.io');
    assert.equal(JSON.parse(channelText(s, 3)).status, 'Success');
  });

  test('channel.k8s.io gets the error as text and nothing on success', async () => {
    const failed = await session(server, path(query(['sh', '-c', 'exit 3'])), ['channel.k8s.io']);
    assert.equal(failed.protocol, 'channel.k8s.io');
    assert.match(channelText(failed, 3), /exit code 3/);
    const ok = await session(server, path(query(['true'])), ['channel.k8s.io']);
    assert.equal(channelText(ok, 3), '');
  });

  test('tty=true gives the command a terminal, exit code kept, input echoed back as a terminal does', async () => {
    const s = await session(server, path(query(['sh', '-c', "test -t 0 && test -t 1 && echo 'on a tty'; read line; echo \"got $line\"; exit 7"], '&stdin=true&tty=true&stderr=false')), ['v5.channel.k8s.io'], [
      Buffer.from([0, ...Buffer.from('hello $(id)\n')]),
    ]);
    const out = channelText(s, 1);
    assert.match(out, /on a tty/);
    assert.match(out, /got hello \$\(id\)/);
    const status = JSON.parse(channelText(s, 3)) as { details: { causes: unknown[] } };
    assert.deepEqual(status.details.causes, [{ reason: 'ExitCode', message: '7' }]);
  });

  test('a resize frame sets the terminal size the command sees', async () => {
    // The command polls its terminal size until it is the one sent, then prints it. (Waiting for
    // SIGWINCH instead raced: under load the resize could land before the shell had set its trap.)
    const poll = "i=0; while [ $i -lt 300 ]; do s=$(stty size); if [ \"$s\" = '43 132' ]; then echo \"$s\"; exit 0; fi; sleep 0.1; i=$((i+1)); done; echo no-resize";
    const s = await session(server, path(query(['sh', '-c', poll], '&stdin=true&tty=true')), ['v5.channel.k8s.io'], [
      Buffer.from([4, ...Buffer.from('{"Width":0,"Height":0}')]),
      Buffer.from([4, ...Buffer.from('{"Width":132,"Height":43}')]),
    ]);
    assert.match(channelText(s, 1), /^43 132\r?$/m);
    assert.equal(JSON.parse(channelText(s, 3)).status, 'Success');
  });

  test('a bad request is a Failure status with the reason', async () => {
    const noCommand = await session(server, path('stdout=true'), ['v5.channel.k8s.io']);
    assert.match(JSON.parse(channelText(noCommand, 3)).message, /at least one command/);
    const badContainer = await session(server, path(query(['true'], '&container=nope')), ['v5.channel.k8s.io']);
    const status = JSON.parse(channelText(badContainer, 3)) as { reason: string; message: string };
    assert.equal(status.reason, 'BadRequest');
    assert.match(status.message, /container nope is not valid.*main, side/);
  });

  test('no known sub-protocol: HTTP 400 before any upgrade', async () => {
    const err = await new Promise<{ statusCode?: number }>((resolve) => {
      const ws = connectWs(server, path(query(['true'])), ['base64.channel.k8s.io']);
      ws.on('unexpected-response', (_req, res) => {
        resolve({ statusCode: res.statusCode });
        ws.terminate();
      });
      ws.on('open', () => resolve({}));
      ws.on('error', () => {});
    });
    assert.equal(err.statusCode, 400);
  });

  test('without the bearer token the upgrade is refused (401) before the handler runs', async () => {
    const code = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(server.url.replace('https', 'wss') + path(query(['true'])), ['v5.channel.k8s.io'], { ca: server.caCertPem });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode);
        ws.terminate();
      });
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });
    assert.equal(code, 401);
  });

  test('a SPDY upgrade is refused with a Status that says WebSocket only', async () => {
    const { statusCode, body } = await new Promise<{ statusCode?: number; body: string }>((resolve, reject) => {
      const req = request(server.url + path(query(['true'])), {
        method: 'POST',
        ca: server.caCertPem,
        headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', Authorization: `Bearer ${server.token}` },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve({ statusCode: res.statusCode, body }));
      });
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    assert.equal(statusCode, 400);
    assert.match(JSON.parse(body).message, /WebSocket only/);
  });
});
