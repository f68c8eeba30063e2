/**
 * The Kubernetes remotecommand WebSocket protocols (pods/exec), as pure functions: which
 * sub-protocol to speak, what the query asks for, how frames and the status channel look.
 * Every frame is a binary message whose first byte is the channel: 0 stdin, 1 stdout, 2 stderr,
 * 3 error/status, 4 resize; v5 adds 255 "close": [255, channel] half-closes that channel (stdin).
 * From v4 on, channel 3 carries one metav1.Status JSON; before that, the error as plain text.
 */

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** Server preference, newest first. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'] as const;
export type ExecProtocol = (typeof EXEC_PROTOCOLS)[number];

/** The sub-protocol to answer with: the newest one the client offered, or undefined. */
export function chooseProtocol(offered: Iterable<string>): ExecProtocol | undefined {
  const set = new Set([...offered].map((p) => p.trim()));
  return EXEC_PROTOCOLS.find((p) => set.has(p));
}

/** v4 and v5 send a metav1.Status JSON on the error channel; older ones plain text. */
export function statusIsJson(protocol: ExecProtocol): boolean {
  return protocol === 'v5.channel.k8s.io' || protocol === 'v4.channel.k8s.io';
}

/** Only v5 has the close signal; with the others, stdin ends when the connection does. */
export function supportsClose(protocol: ExecProtocol): boolean {
  return protocol === 'v5.channel.k8s.io';
}

export interface ExecRequest {
  command: string[];
  container?: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

function flag(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name);
  if (value === null) return fallback;
  return value === '' || value === 'true' || value === '1';
}

/** The exec options from the query string (`command` repeats, one argv element each). */
export function parseExecQuery(params: URLSearchParams): ExecRequest {
  const container = params.get('container');
  return {
    command: params.getAll('command'),
    ...(container ? { container } : {}),
    stdin: flag(params, 'stdin', false),
    stdout: flag(params, 'stdout', true),
    // Like the kubelet: with a tty there is no separate stderr (kubectl -it asks for both).
    stderr: flag(params, 'stderr', true) && !flag(params, 'tty', false),
    tty: flag(params, 'tty', false),
  };
}

/** A request the server cannot run, as one sentence, or undefined when it is fine. */
export function validateExecRequest(req: ExecRequest, containers: readonly string[]): string | undefined {
  if (req.command.length === 0) return 'you must specify at least one command for the container';
  if (!req.stdin && !req.stdout && !req.stderr) return 'you must specify at least one of stdin, stdout, stderr';
  if (req.container !== undefined && containers.length > 0 && !containers.includes(req.container)) {
    return `container ${req.container} is not valid for this pod (containers: ${containers.join(', ')})`;
  }
  return undefined;
}

/** One frame: the channel byte, then the data. */
export function frame(channel: number, data: Uint8Array | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = channel;
  out.set(body, 1);
  return out;
}

export interface Frame {
  channel: number;
  data: Buffer;
}

export function parseFrame(message: Buffer): Frame | undefined {
  if (message.length === 0) return undefined;
  return { channel: message[0]!, data: message.subarray(1) };
}

export interface ExecStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes: Array<{ reason: string; message: string }> };
}

export function successStatus(): ExecStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
}

/** What kubectl turns into its own exit code (client-go's errorDecoderV4). */
export function exitCodeStatus(exitCode: number, argv: readonly string[]): ExecStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** The command could not be run at all (no sandbox, spawn failed, bad request). */
export function failureStatus(message: string, reason = 'InternalError', code = 500): ExecStatus {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

/** The error-channel payload for a protocol: the Status JSON, or (before v4) its message. */
export function errorPayload(protocol: ExecProtocol, status: ExecStatus): string | undefined {
  if (statusIsJson(protocol)) return JSON.stringify(status);
  return status.status === 'Success' ? undefined : (status.message ?? 'command failed');
}

/** The exit code the status stands for: 0, n, or undefined for a failure to run at all. */
export function exitCodeOf(status: { status?: string; reason?: string; details?: { causes?: Array<{ reason?: string; message?: string }> } }): number | undefined {
  if (status.status === 'Success') return 0;
  if (status.reason !== 'NonZeroExitCode') return undefined;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const n = cause?.message === undefined ? Number.NaN : Number(cause.message);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The exit code a process ended with, as a shell and the CRI report it (128 + signal number). */
export function processExitCode(code: number | null, signalNumber: number | undefined): number {
  if (code !== null) return code;
  return 128 + (signalNumber ?? 9);
}
