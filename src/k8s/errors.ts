/**
 * The one place API failures become CliErrors (spec/cli.md exit codes): unreachable, 401, 403 and a
 * missing NAD CRD → exit 3; a missing object → exit 4 (callers of get/delete see undefined/false
 * instead); conflicts and invalid objects keep their HTTP code on `.code` (409, 422) for retry logic.
 * Pure: it looks at the error's shape, not its class, so it needs no client-node import.
 */
import { CliError } from '../cli/errors.js';
import { ExitCode, type ExitCodeValue } from '../cli/exit-codes.js';
import { NAD_API_VERSION, NAD_GROUP, NAD_PLURAL } from '../constants.js';

/** A CliError that remembers the HTTP status (409 conflict, 422 invalid, …). */
export class KubeApiError extends CliError {
  readonly code: number;
  readonly reason?: string;

  constructor(message: string, options: { code: number; reason?: string; exit: ExitCodeValue; hint?: string; cause?: unknown }) {
    super(message, options);
    this.code = options.code;
    this.reason = options.reason;
  }
}

export interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; group?: string };
}

export interface ErrorContext {
  server: string;
  contextName: string;
  /** What was being done, e.g. `list pods in namespace "default"`. */
  action: string;
  /** The API is the NAD custom resource (a 404 without object details means the CRD is missing). */
  nad?: boolean;
  timeoutMs?: number;
}

/** The Status object of an ApiException (its body is a string or already parsed). */
export function statusOf(err: unknown): StatusBody | undefined {
  const body = (err as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as StatusBody) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as StatusBody) : undefined;
}

export function httpCodeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** A 404 about the named object itself (not about the API path being absent). */
export function isObjectNotFound(err: unknown, name: string): boolean {
  if (httpCodeOf(err) !== 404) return false;
  const status = statusOf(err);
  return status?.details?.name === name;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/;

function systemCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const x = e as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof x.code === 'string') return x.code;
    if (typeof x.errno === 'string') return x.errno;
    e = x.cause;
  }
  return undefined;
}

export function toCliError(err: unknown, ctx: ErrorContext): CliError {
  if (err instanceof CliError) return err;
  const http = httpCodeOf(err);
  if (http === undefined) {
    const name = (err as { name?: unknown } | undefined)?.name;
    if (name === 'AbortError' || name === 'TimeoutError') {
      return new CliError(`the API server at ${ctx.server} did not answer in time (${ctx.action})`, { exit: ExitCode.unreachable, hint: `raise --timeout${ctx.timeoutMs ? ` (now ${Math.round(ctx.timeoutMs / 1000)}s)` : ''} or check the server`, cause: err });
    }
    const code = systemCode(err);
    if (code && TLS_CODES.test(code)) {
      return new CliError(`cannot reach the API server at ${ctx.server}: its TLS certificate is not trusted (${code})`, { exit: ExitCode.unreachable, hint: `check certificate-authority of kubeconfig context "${ctx.contextName}"`, cause: err });
    }
    if (code && NETWORK_CODES.has(code)) {
      return new CliError(`cannot reach the API server at ${ctx.server} (${code})`, { exit: ExitCode.unreachable, hint: `is the cluster of kubeconfig context "${ctx.contextName}" running? (for the embedded cluster: multusctl lab up)`, cause: err });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new CliError(`cannot reach the API server at ${ctx.server}: ${message}`, { exit: ExitCode.unreachable, hint: 'run again with --debug for details', cause: err });
  }
  const status = statusOf(err);
  const said = status?.message;
  switch (http) {
    case 401:
      return new KubeApiError(`the API server at ${ctx.server} rejected the credentials (401 Unauthorized)`, { code: 401, reason: 'Unauthorized', exit: ExitCode.unreachable, hint: `the credentials of kubeconfig context "${ctx.contextName}" are invalid or expired: log in again or pick another --context`, cause: err });
    case 403:
      return new KubeApiError(`not allowed: ${said ?? ctx.action}`, { code: 403, reason: 'Forbidden', exit: ExitCode.unreachable, hint: `check the permissions (RBAC) of the user in kubeconfig context "${ctx.contextName}"`, cause: err });
    case 404:
      if (ctx.nad && !status?.details?.name) {
        return new KubeApiError(`the cluster does not serve NetworkAttachmentDefinitions (${NAD_API_VERSION} is not installed)`, {
          code: 404,
          reason: 'NotFound',
          exit: ExitCode.unreachable,
          hint: `install Multus (it brings the CRD ${NAD_PLURAL}.${NAD_GROUP}), or use the embedded cluster: multusctl lab up`,
          cause: err,
        });
      }
      return new KubeApiError(`${said ?? 'not found'} (${ctx.action})`, { code: 404, reason: 'NotFound', exit: ExitCode.notFound, cause: err });
    case 409:
      return new KubeApiError(said ?? `conflict (${ctx.action})`, { code: 409, reason: status?.reason ?? 'Conflict', exit: ExitCode.usage, hint: status?.reason === 'AlreadyExists' ? 'delete it first or pick another name' : undefined, cause: err });
    case 400:
    case 422:
      return new KubeApiError(said ?? `the API server refused the request (${ctx.action})`, { code: http, reason: status?.reason, exit: ExitCode.usage, cause: err });
    default:
      return new KubeApiError(`the API server at ${ctx.server} answered ${http} to ${ctx.action}${said ? `: ${said}` : ''}`, { code: http, reason: status?.reason, exit: http >= 500 ? ExitCode.unreachable : ExitCode.checkFailed, cause: err });
  }
}
