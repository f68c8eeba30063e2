/**
 * The REST handlers for resource paths: maps method + path + query onto LabApi calls and writes
 * objects, lists, tables, watch streams and Status errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LabApi } from './api.js';
import { readBody, sendJson } from './http.js';
import { page } from './paging.js';
import { apiVersionOf } from './resources.js';
import type { ResourcePath } from './router.js';
import { ApiStatusError, badRequest, statusObject } from './status.js';
import { listTable, wantsTable } from './table.js';
import type { Store } from './store.js';
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

export async function handleResource(realApi: LabApi, store: Store, rp: ResourcePath, req: IncomingMessage, res: ServerResponse, url: URL, onClose: (fn: () => void) => () => void): Promise<void> {
  const r = rp.resource;
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) throw badRequest(`invalid dryRun value "${dryRun.join(',')}": only All is supported`);
  const api = dryRun.length > 0 ? new LabApi(store.dryRun()) : realApi;
  if (!r || !api.served(r)) throw notServed();
  if (r.namespaced === false && rp.namespace !== undefined) throw notServed();
  if (rp.subresource !== undefined && !r.subresources.includes(rp.subresource)) throw notServed();
  if (r.namespaced && rp.name !== undefined && rp.namespace === undefined) throw notServed();
  const ns = rp.namespace ?? '';
  const method = req.method ?? 'GET';
  const selectors = { labelSelector: url.searchParams.get('labelSelector') ?? undefined, fieldSelector: url.searchParams.get('fieldSelector') ?? undefined };
  const accept = req.headers.accept ?? '';
  const includeObject = url.searchParams.get('includeObject') ?? 'Metadata';

  if (rp.subresource === 'exec') throw new ApiStatusError(400, 'BadRequest', 'Upgrade request required');
  if (rp.subresource === 'log') {
    api.get(r, ns, rp.name ?? '');
    throw new ApiStatusError(400, 'BadRequest', `pod "${rp.name}" has no logs: the lab runs no container processes (use kubectl exec to run commands in its network namespace)`);
  }

  if (rp.name === undefined) {
    if (method === 'GET') {
      const watch = url.searchParams.get('watch');
      if (watch === 'true' || watch === '1') {
        serveWatch(store, {
          resource: r,
          namespace: rp.namespace,
          ...selectors,
          resourceVersion: url.searchParams.get('resourceVersion') ?? undefined,
          timeoutSeconds: intParam(url, 'timeoutSeconds'),
          allowBookmarks: url.searchParams.get('allowWatchBookmarks') === 'true',
          sendInitialEvents: url.searchParams.get('sendInitialEvents') === 'true',
          render: wantsTable(accept) ? (o, first) => listTable(r, [o], o.metadata.resourceVersion ?? '', { includeObject, columns: first }) : undefined,
        }, res, onClose);
        return;
      }
      const listed = api.list(r, rp.namespace, selectors);
      const { items, metadata } = page(listed.items, listed.resourceVersion, url.searchParams.get('limit'), url.searchParams.get('continue'));
      if (wantsTable(accept)) {
        const table = listTable(r, items, metadata.resourceVersion, { includeObject });
        return sendJson(res, 200, { ...table, metadata });
      }
      return sendJson(res, 200, { kind: `${r.kind}List`, apiVersion: apiVersionOf(r), metadata, items });
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
      if (wantsTable(accept)) return sendJson(res, 200, listTable(r, [obj], obj.metadata.resourceVersion ?? '', { includeObject }));
      return sendJson(res, 200, obj);
    }
    case 'PUT':
      return sendJson(res, 200, await api.update(r, ns, name, await readBody(req), rp.subresource));
    case 'PATCH':
      if ((req.headers['content-type'] ?? '').startsWith('application/apply-patch+yaml') && !rp.subresource) {
        const applied = await api.apply(r, ns, name, await readBody(req));
        return sendJson(res, applied.created ? 201 : 200, applied.object);
      }
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
