/** Kubernetes `Status` objects: the body of every API error (and of a few successes). */
import type { ResourceType } from './resources.js';

export type StatusReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'MethodNotAllowed' | 'Gone' | 'Expired' | 'UnsupportedMediaType' | 'InternalError' | 'NotAcceptable';

export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toStatus(): Record<string, unknown> {
    return statusObject(this.code, this.reason, this.message, this.details);
  }
}

export function statusObject(code: number, reason: StatusReason | undefined, message: string, details?: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 400 ? 'Success' : 'Failure',
    message,
    ...(reason ? { reason } : {}),
    ...(details ? { details } : {}),
    code,
  };
}

/** "pods" for the core group, "network-attachment-definitions.k8s.cni.cncf.io" otherwise. */
export function qualifiedResource(r: ResourceType): string {
  return r.group === '' ? r.plural : `${r.plural}.${r.group}`;
}

function details(r: ResourceType, name: string): Record<string, unknown> {
  return { name, ...(r.group ? { group: r.group } : {}), kind: r.plural };
}

export function notFound(r: ResourceType, name: string): ApiStatusError {
  return new ApiStatusError(404, 'NotFound', `${qualifiedResource(r)} "${name}" not found`, details(r, name));
}

export function alreadyExists(r: ResourceType, name: string): ApiStatusError {
  return new ApiStatusError(409, 'AlreadyExists', `${qualifiedResource(r)} "${name}" already exists`, details(r, name));
}

export function conflict(r: ResourceType, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiStatusError {
  return new ApiStatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": ${why}`, details(r, name));
}

export function invalid(r: ResourceType, name: string, causes: Array<{ field: string; message: string }>): ApiStatusError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
  return new ApiStatusError(422, 'Invalid', `${r.kind} "${name}" is invalid: ${text}`, {
    ...details(r, name),
    kind: r.kind,
    causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

export function badRequest(message: string): ApiStatusError {
  return new ApiStatusError(400, 'BadRequest', message);
}
