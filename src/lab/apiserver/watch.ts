/**
 * `watch=true`: a chunked stream of JSON watch events, one per line. Without a resourceVersion (or
 * "0") it starts with ADDED events for what exists; with one, it replays the changes after it, or
 * sends a 410 Gone ERROR event when history no longer reaches back that far. BOOKMARK events are
 * sent when the client asks for them (allowWatchBookmarks).
 */
import type { ServerResponse } from 'node:http';
import { compileSelectors, type Selectors } from './api.js';
import { resourceKey, type ResourceType } from './resources.js';
import { statusObject } from './status.js';
import type { Change, KObject, Store } from './store.js';

export interface WatchRequest extends Selectors {
  resource: ResourceType;
  /** undefined: all namespaces. */
  namespace?: string;
  /** Only this object (a watch with fieldSelector metadata.name=NAME, or a GET of one name). */
  name?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowBookmarks?: boolean;
  /** sendInitialEvents=true (WatchList): ADDED for what exists, then a BOOKMARK marking their end. */
  sendInitialEvents?: boolean;
  /** Wraps each event's object (e.g. as a one-row Table for `kubectl get -w`); `first` is true once. */
  render?: (object: KObject, first: boolean) => unknown;
}

const BOOKMARK_MS = 15_000;

export function serveWatch(store: Store, req: WatchRequest, res: ServerResponse, onClose: (fn: () => void) => () => void): void {
  const match = compileSelectors(req.resource, req);
  const key = resourceKey(req.resource);
  const wanted = (c: Change): boolean =>
    c.resource === key &&
    (req.namespace === undefined || c.namespace === req.namespace) &&
    (req.name === undefined || c.object.metadata.name === req.name) &&
    match(c.object);

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let first = true;
  const send = (type: string, object: unknown): void => {
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const sendChange = (c: Change): void => {
    send(c.type, req.render ? req.render(c.object, first) : c.object);
    first = false;
  };

  const rv = req.resourceVersion;
  let backlog: Change[];
  if (req.sendInitialEvents || rv === undefined || rv === '' || rv === '0') {
    backlog = store
      .list(key, req.namespace)
      .map((object: KObject) => ({ type: 'ADDED' as const, resource: key, namespace: object.metadata.namespace ?? '', object, rv: Number(object.metadata.resourceVersion) }));
  } else {
    const since = Number(rv);
    const changes = Number.isFinite(since) ? store.changesSince(since) : undefined;
    if (!changes) {
      send('ERROR', statusObject(410, 'Expired', `too old resource version: ${rv} (${store.resourceVersion})`));
      res.end();
      return;
    }
    backlog = changes;
  }
  for (const c of backlog) if (wanted(c)) sendChange(c);
  const bookmarkObject = (annotations?: Record<string, string>): unknown => ({
    kind: req.resource.kind,
    apiVersion: req.resource.group ? `${req.resource.group}/${req.resource.version}` : req.resource.version,
    metadata: { resourceVersion: String(store.resourceVersion), ...(annotations ? { annotations } : {}) },
  });
  if (req.sendInitialEvents) send('BOOKMARK', bookmarkObject({ 'k8s.io/initial-events-end': 'true' }));

  const unsubscribe = store.subscribe((c) => {
    if (wanted(c)) sendChange(c);
  });
  const bookmark = req.allowBookmarks ? setInterval(() => send('BOOKMARK', bookmarkObject()), BOOKMARK_MS) : undefined;
  const timeout = req.timeoutSeconds ? setTimeout(() => finish(), req.timeoutSeconds * 1000) : undefined;
  let done = false;
  let forget = (): void => undefined;
  function finish(): void {
    if (done) return;
    done = true;
    forget();
    unsubscribe();
    if (bookmark) clearInterval(bookmark);
    if (timeout) clearTimeout(timeout);
    res.end();
  }
  res.on('close', finish);
  forget = onClose(finish);
}
