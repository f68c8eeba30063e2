/**
 * Helper pods must not outlive the process that made them. Each live helper registers here; the
 * registry closes them when the event loop runs dry without anyone calling close() (beforeExit),
 * on SIGINT/SIGTERM when nobody else handles them (a command's BaseCommand does: it aborts the
 * signal the helper was given, which closes it), and says which pods may be left behind when the
 * process is forced out (process.exit cannot wait for an HTTP request).
 */

export interface Closable {
  close(): Promise<void>;
  /** "namespace/name", for the warning. */
  readonly ref: string;
}

const live = new Set<Closable>();
let installed = false;

function closeAll(): Promise<void> {
  return Promise.allSettled([...live].map((h) => h.close())).then(() => {});
}

function onSignal(signal: NodeJS.Signals): void {
  // Clean up, then let the signal do what it would have done without us.
  void closeAll().finally(() => process.kill(process.pid, signal));
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('beforeExit', () => {
    if (live.size > 0) void closeAll();
  });
  process.on('exit', () => {
    for (const h of live) {
      const [namespace, name] = h.ref.split('/');
      process.stderr.write(`warning: helper pod ${h.ref} may be left behind; delete it with: kubectl delete pod -n ${namespace} ${name}\n`);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    if (process.listenerCount(signal) === 0) process.once(signal, onSignal);
  }
}

/** Tracks a helper until the returned function is called (after its pod is deleted). */
export function trackHelper(helper: Closable): () => void {
  install();
  live.add(helper);
  return () => {
    live.delete(helper);
  };
}

/** Helpers not closed yet (tests assert this is empty). */
export function liveHelpers(): string[] {
  return [...live].map((h) => h.ref);
}
