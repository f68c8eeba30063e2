/**
 * pods/exec from the client side: client-node's callback-shaped `Exec` wrapped once into a
 * promise of { stdout, stderr, exitCode }. Commands are argv arrays (each element one `command`
 * query parameter), so nothing is parsed by a shell on the way. A non-zero exit is a result, not
 * an error; failing to run the command at all (no pod, not allowed, no sandbox) throws a CliError.
 * client-node's `Exec` comes in with the KubeConfig from client-node.ts, the one module that loads
 * client-node, and which client.ts imports the first time a command execs.
 */
import { Readable, Writable } from 'node:stream';
import type { Exec, KubeConfig } from '@kubernetes/client-node';
import { CliError, messageOf } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { exitCodeOf } from '../lab/apiserver/exec-protocol.js';
import type { ExecOptions, ExecResult, PodExec } from './ports.js';

interface StatusLike {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ reason?: string; message?: string }> };
}

class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Maps a failed WebSocket handshake or connection to the error a user can act on. */
export function connectError(err: unknown, server: string, namespace: string, pod: string): CliError {
  const text = (err as { message?: string } | undefined)?.message ?? messageOf(err);
  const status = /Unexpected server response: (\d+)/.exec(text)?.[1];
  if (status === '404') return new CliError(`no pod ${pod} in namespace ${namespace}`, { exit: ExitCode.notFound, hint: 'check the name with `kubectl get pods -n ' + namespace + '`' });
  if (status === '401' || status === '403') {
    return new CliError(`not allowed to exec into pod ${namespace}/${pod} (HTTP ${status})`, { exit: ExitCode.unreachable, hint: 'check your kubeconfig context and its RBAC (pods/exec create)' });
  }
  if (status !== undefined) return new CliError(`exec into pod ${namespace}/${pod} was refused (HTTP ${status})`, { exit: ExitCode.unreachable, hint: 'the API server must support pods/exec over WebSocket (v5.channel.k8s.io)' });
  return new CliError(`cannot reach the API server at ${server} to exec into pod ${namespace}/${pod}: ${text}`, { exit: ExitCode.unreachable, hint: 'check the server address and that it is running' });
}

/** client-node's pieces pods/exec needs: a KubeConfig and the Exec class (client-node.ts). */
export interface ClientNodeExec {
  kc: KubeConfig;
  Exec: typeof Exec;
}

export function podExec({ kc, Exec }: ClientNodeExec, options: { trace?: (line: string) => void } = {}): PodExec {
  const server = kc.getCurrentCluster()?.server ?? '(no cluster)';
  return {
    async run(namespace: string, pod: string, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
      if (argv.length === 0) throw new CliError('exec needs a command', { exit: ExitCode.usage });
      opts.signal?.throwIfAborted();
      options.trace?.(`exec ${namespace}/${pod}${opts.container ? ` -c ${opts.container}` : ''}: ${JSON.stringify(argv)}`);
      const stdout = new Collector();
      const stderr = new Collector();
      const stdin = opts.stdin === undefined ? null : Readable.from([Buffer.from(opts.stdin)]);
      let status: StatusLike | undefined;
      const exec = new Exec(kc);
      return new Promise<ExecResult>((resolve, reject) => {
        let settled = false;
        let conn: { close(): void } | undefined;
        const stop = (err: Error | undefined, result?: ExecResult): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          conn?.close();
          if (err) reject(err);
          else resolve(result!);
        };
        const onAbort = (): void => stop(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('exec aborted'));
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => {
          stop(new CliError(`exec in pod ${namespace}/${pod} timed out after ${opts.timeoutMs} ms`, { exit: ExitCode.unreachable, hint: 'raise --timeout, or check that the command ends' }));
        }, opts.timeoutMs);
        const finished = (): void => {
          if (status === undefined) {
            stop(new CliError(`exec in pod ${namespace}/${pod} ended before the command reported its exit status`, { exit: ExitCode.unreachable }));
            return;
          }
          const exitCode = exitCodeOf(status);
          if (exitCode === undefined) {
            stop(new CliError(`cannot exec in pod ${namespace}/${pod}: ${status.message ?? status.reason ?? 'unknown failure'}`, { exit: ExitCode.checkFailed }));
            return;
          }
          stop(undefined, { stdout: stdout.text(), stderr: stderr.text(), exitCode });
        };
        exec
          .exec(namespace, pod, opts.container ?? '', [...argv], stdout, stderr, stdin, false, (s) => {
            status = s as StatusLike;
          })
          .then((ws) => {
            conn = ws;
            if (settled) {
              ws.close();
              return;
            }
            ws.onclose = () => finished();
          })
          .catch((err: unknown) => stop(connectError(err, server, namespace, pod)));
      });
    },
  };
}
