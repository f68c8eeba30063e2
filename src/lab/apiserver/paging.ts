/**
 * List paging as Kubernetes does it (`limit` and `continue`): items in key order (namespace, name);
 * a page of `limit` items carries metadata.continue (an opaque token naming the last key served and
 * the list's resourceVersion) and metadata.remainingItemCount while more remain. The lab keeps no
 * history, so a continued list reads the current objects after that key.
 */
import { ApiStatusError } from './status.js';

interface Keyed {
  metadata: { namespace?: string; name: string };
}

interface Token {
  rv: string;
  start: string;
}

const keyOf = (o: Keyed): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function badRequest(message: string): ApiStatusError {
  return new ApiStatusError(400, 'BadRequest', message);
}

function decode(token: string): Token {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Token>;
    if (typeof t.rv === 'string' && typeof t.start === 'string') return { rv: t.rv, start: t.start };
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: it must be the metadata.continue of a previous list');
}

/** The page of `items` that `limit`/`continue` ask for, and the list metadata to send with it. */
export function page<T extends Keyed>(items: readonly T[], resourceVersion: string, limitParam: string | null, continueParam: string | null): { items: T[]; metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } } {
  const limit = limitParam === null || limitParam === '' ? 0 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`invalid limit "${limitParam}": must be a non-negative integer`);
  const token = continueParam === null || continueParam === '' ? undefined : decode(continueParam);
  if (limit === 0 && token === undefined) return { items: [...items], metadata: { resourceVersion } };
  const sorted = items.map((o) => ({ o, k: keyOf(o) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  let from = 0;
  if (token !== undefined) {
    // First key after the last one served (binary search).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.k <= token.start) lo = mid + 1;
      else hi = mid;
    }
    from = lo;
  }
  const rv = token?.rv ?? resourceVersion;
  const end = limit === 0 ? sorted.length : Math.min(sorted.length, from + limit);
  const out = sorted.slice(from, end).map((x) => x.o);
  if (end >= sorted.length) return { items: out, metadata: { resourceVersion: rv } };
  const next = Buffer.from(JSON.stringify({ rv, start: sorted[end - 1]!.k } satisfies Token)).toString('base64url');
  return { items: out, metadata: { resourceVersion: rv, continue: next, remainingItemCount: sorted.length - end } };
}
