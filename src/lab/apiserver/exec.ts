/**
 * pods/exec for the lab's API server: the server authenticates the request and looks the pod up,
 * then hands the upgrade to this handler, which speaks the remotecommand WebSocket protocol
 * (exec-protocol.ts) and runs the command inside the pod's network namespace through
 * labPodArgv, as argv (never a shell). The exit code travels back on the status channel, so
 * `kubectl exec` exits with the command's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { constants as osConstants } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { V1Node, V1Pod } from '../../k8s/types.js';
import { labPodArgv, labPodNetns } from '../node-argv.js';
import {
  Channel,
  chooseProtocol,
  errorPayload,
  exitCodeStatus,
  failureStatus,
  frame,
  parseExecQuery,
  parseFrame,
  processExitCode,
  successStatus,
  supportsClose,
  validateExecRequest,
  type ExecProtocol,
  type ExecRequest,
  type ExecStatus,
} from './exec-protocol.js';
import { parseResize, resizeTty, ttyArgv } from './exec-tty.js';

export interface ExecContext {
  pod: V1Pod;
  /** The pod's node, when the server has it at hand (its mount namespace is used). */
  node?: V1Node;
}

export type ExecUpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, ctx: ExecContext) => void;

export interface ExecHandlerOptions {
  /** Looks up the pod's node when the context has none. */
  getNode?: (name: string) => Promise<V1Node | undefined>;
  log?: (line: string) => void;
}

export interface ExecHandler extends ExecUpgradeHandler {
  /** Kills running commands and closes their connections (server shutdown). */
  close(): void;
}

/** Unsent bytes above which the command's output is paused until the client catches up. */
const HIGH_WATER = 1 << 20;

function rejectUpgrade(socket: Duplex, code: number, message: string): void {
  const body = JSON.stringify(failureStatus(message, code === 400 ? 'BadRequest' : 'InternalError', code));
  socket.end(
    `HTTP/1.1 ${code} ${code === 400 ? 'Bad Request' : 'Internal Server Error'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createExecHandler(options: ExecHandlerOptions = {}): ExecHandler {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => chooseProtocol(offered) ?? false });
  const children = new Set<ChildProcess>();
  const log = options.log ?? (() => {});

  const handler = ((req, socket, head, ctx) => {
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      rejectUpgrade(socket, 400, `pods/exec here speaks WebSocket only (${['v5.channel.k8s.io', 'v4.channel.k8s.io'].join(', ')}), not ${req.headers.upgrade ?? 'a plain request'}`);
      return;
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',');
    const protocol = chooseProtocol(offered);
    if (!protocol) {
      rejectUpgrade(socket, 400, `no supported exec protocol offered (want v5.channel.k8s.io or v4.channel.k8s.io, got ${offered.join(',') || 'none'})`);
      return;
    }
    const request = parseExecQuery(new URL(req.url ?? '/', 'http://lab').searchParams);
    wss.handleUpgrade(req, socket, head, (ws) => {
      void session(ws, protocol, request, ctx).catch((err: unknown) => {
        log(`exec: ${err instanceof Error ? err.message : String(err)}`);
        if (ws.readyState === ws.OPEN) ws.close(1011);
      });
    });
  }) as ExecHandler;

  handler.close = () => {
    for (const child of children) child.kill('SIGKILL');
    for (const client of wss.clients) client.terminate();
    wss.close();
  };

  async function session(ws: WebSocket, protocol: ExecProtocol, request: ExecRequest, ctx: ExecContext): Promise<void> {
    const pod = ctx.pod;
    const ref = `${pod.metadata?.namespace ?? '?'}/${pod.metadata?.name ?? '?'}`;
    const finish = (status: ExecStatus): void => {
      if (ws.readyState !== ws.OPEN) return;
      ws.resume();
      const payload = errorPayload(protocol, status);
      if (payload !== undefined) ws.send(frame(Channel.error, payload));
      ws.close(1000);
    };
    const containers = (pod.spec?.containers ?? []).map((c) => c.name);
    const invalid = validateExecRequest(request, containers);
    if (invalid) return finish(failureStatus(invalid, 'BadRequest', 400));
    const nodeName = pod.spec?.nodeName;
    // Without its node the command still runs in the pod's netns, only not in the node's mount namespace.
    const node = ctx.node ?? (nodeName && options.getNode ? await options.getNode(nodeName).catch((err: unknown) => {
      log(`exec ${ref}: node ${nodeName} not readable (${err instanceof Error ? err.message : String(err)}); running without its mount namespace`);
      return undefined;
    }) : undefined);
    let argv: string[];
    try {
      argv = labPodArgv(pod, request.tty ? ttyArgv(request.command) : request.command, node);
    } catch {
      return finish(failureStatus(`pod ${ref} has no sandbox yet (no network namespace; is the lab kubelet running?)`, 'BadRequest', 400));
    }
    const netns = labPodNetns(pod);
    if (netns && !existsSync(netns)) return finish(failureStatus(`the network namespace of pod ${ref} (${netns}) is gone; the sandbox was removed`, 'NotFound', 404));
    if (ws.readyState !== ws.OPEN) return;
    log(`exec ${ref}: ${JSON.stringify(request.command)}`);
    run(ws, protocol, request, argv, ref, finish);
  }

  function run(ws: WebSocket, protocol: ExecProtocol, request: ExecRequest, argv: string[], ref: string, finish: (s: ExecStatus) => void): void {
    const wantOut = request.stdout || request.tty;
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: [request.stdin ? 'pipe' : 'ignore', wantOut ? 'pipe' : 'ignore', request.stderr || request.tty ? 'pipe' : 'ignore'],
    });
    children.add(child);
    let done = false;
    let pending = 0;
    let resizing: Promise<void> = Promise.resolve();
    const outputs = [child.stdout, child.stderr].filter((s) => s !== null);
    const send = (channel: number, data: Buffer): void => {
      if (ws.readyState !== ws.OPEN) return;
      pending += data.length;
      if (pending > HIGH_WATER) for (const s of outputs) s.pause();
      ws.send(frame(channel, data), () => {
        pending -= data.length;
        if (pending <= HIGH_WATER) for (const s of outputs) s.resume();
      });
    };
    child.stdout?.on('data', (d: Buffer) => send(Channel.stdout, d));
    // With a tty there is one output stream, as a terminal would show it.
    child.stderr?.on('data', (d: Buffer) => send(request.tty ? Channel.stdout : Channel.stderr, d));
    child.stdin?.on('error', () => {}); // a command that exits without reading stdin
    // Reading from the client pauses while the command's stdin is full; once stdin is drained or
    // closed (no 'drain' comes after end()), read again, or the client's close frame is never seen.
    child.stdin?.on('drain', () => ws.resume());
    child.stdin?.on('close', () => ws.resume());

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) return;
      const f = parseFrame(Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]));
      if (!f) return;
      if (f.channel === Channel.stdin && child.stdin && !child.stdin.writableEnded) {
        if (f.data.length > 0 && !child.stdin.write(f.data)) ws.pause();
      } else if (f.channel === Channel.close && supportsClose(protocol) && f.data[0] === Channel.stdin) {
        child.stdin?.end();
      } else if (f.channel === Channel.resize && request.tty && child.pid !== undefined) {
        const size = parseResize(f.data);
        const pid = child.pid;
        // One at a time, in order: the last size sent is the one that stays.
        if (size) resizing = resizing.then(() => resizeTty(pid, size)).then(() => {}, () => {});
      }
    });
    ws.on('close', () => {
      if (!done) child.kill('SIGKILL');
    });
    child.on('error', (err) => {
      done = true;
      children.delete(child);
      finish(failureStatus(`cannot run the command in pod ${ref}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (done) return;
      done = true;
      children.delete(child);
      const exitCode = processExitCode(code, signal ? osConstants.signals[signal] : undefined);
      finish(exitCode === 0 ? successStatus() : exitCodeStatus(exitCode, request.command));
    });
  }

  return handler;
}
