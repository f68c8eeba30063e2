/**
 * The REST handlers for resource paths: maps method + path + query onto LabApi calls and writes
 * objects, lists, tables, watch streams and Status errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabApi } from './api.js';
import { readBody, sendJson } from './http.js';
import { apiVersionOf } from './resources.js';
import type { ResourcePath } from './router.js';
import { ApiStatusError, badRequest, statusObject } from './status.js';
import { listTable, wantsTable } from './table.js';
import { serveWatch } from './watch.js';

type Dict = Record<string, unknown>;

function notServed(): ApiStatusError {
  return new ApiStatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid ${name} "${v}"`);
  return n;
}

export async function handleResource(api: LabApi, rp: ResourcePath, req: IncomingMessage, res: ServerResponse, url: URL, onClose: (fn: () => void) => () => void): Promise<void> {
  const r = rp.resource;
  if (!r || !api.served(r)) throw notServed();
  if (r.namespaced === false && rp.namespace !== undefined) throw notServed();
  if (rp.subresource !== undefined && !r.subresources.includes(rp.subresource)) throw notServed();
  if (r.namespaced && rp.name !== undefined && rp.namespace === undefined) throw notServed();
  const ns = rp.namespace ?? '';
  const method = req.method ?? 'GET';
  const selectors = { labelSelector: url.searchParams.get('labelSelector') ?? undefined, fieldSelector: url.searchParams.get('fieldSelector') ?? undefined };
  const accept = req.headers.accept ?? '';

  if (rp.subresource === 'exec') throw new ApiStatusError(400, 'BadRequest', 'Upgrade request required');

  if (rp.name === undefined) {
    if (method === 'GET') {
      const watch = url.searchParams.get('watch');
      if (watch === 'true' || watch === '1') {
        serveWatch(api.store, {
          resource: r,
          namespace: rp.namespace,
          ...selectors,
          resourceVersion: url.searchParams.get('resourceVersion') ?? undefined,
          timeoutSeconds: intParam(url, 'timeoutSeconds'),
          allowBookmarks: url.searchParams.get('allowWatchBookmarks') === 'true',
        }, res, onClose);
        return;
      }
      const { items, resourceVersion } = api.list(r, rp.namespace, selectors);
      if (wantsTable(accept)) return sendJson(res, 200, listTable(r, items, resourceVersion));
      return sendJson(res, 200, { kind: `${r.kind}List`, apiVersion: apiVersionOf(r), metadata: { resourceVersion }, items });
    }
    if (method === 'POST') {
      if (r.namespaced && rp.namespace === undefined) throw new ApiStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return sendJson(res, 201, await api.create(r, ns, await readBody(req)));
    }
    throw new ApiStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }

  const name = rp.name;
  switch (method) {
    case 'GET': {
      const obj = api.get(r, ns, name);
      if (wantsTable(accept)) return sendJson(res, 200, listTable(r, [obj], obj.metadata.resourceVersion ?? ''));
      return sendJson(res, 200, obj);
    }
    case 'PUT':
      return sendJson(res, 200, await api.update(r, ns, name, await readBody(req), rp.subresource));
    case 'PATCH':
      return sendJson(res, 200, await api.patch(r, ns, name, req.headers['content-type'] ?? '', await readBody(req), rp.subresource));
    case 'POST':
      if (rp.subresource === 'binding') {
        await api.bind(ns, name, await readBody(req));
        return sendJson(res, 201, statusObject(201, undefined, ''));
      }
      break;
    case 'DELETE': {
      const body = ((await readBody(req)) ?? {}) as Dict;
      const gracePeriodSeconds = intParam(url, 'gracePeriodSeconds') ?? (typeof body.gracePeriodSeconds === 'number' ? body.gracePeriodSeconds : undefined);
      return sendJson(res, 200, await api.delete(r, ns, name, { gracePeriodSeconds, preconditions: body.preconditions as { resourceVersion?: string; uid?: string } | undefined }));
    }
    default:
      break;
  }
  throw new ApiStatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}
