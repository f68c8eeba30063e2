/**
 * Waits for pods to run, driven by a watch (each change wakes it; nothing polls the pods), and
 * fails fast when the pod's events carry the runtime's or Multus's error (a failed sandbox never
 * changes the pod's phase, so events are the only place that error shows).
 */
import type { CoreV1Event, V1Pod } from '../k8s/types.js';
import type { EventStore, PodStore } from '../k8s/ports.js';

export interface PodWaitResult {
  /** Last seen state of each pod (undefined if never seen). */
  pods: Map<string, V1Pod | undefined>;
  /** Pods that reached Running. */
  running: string[];
  /** Why each other pod is not running: its warning events, its phase, or the timeout. */
  failures: Map<string, string>;
}

export interface PodWaitOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** Called on each change, e.g. to drive a spinner ("smoke-a: Pending"). */
  onChange?(name: string, pod: V1Pod): void;
  /** How often pending pods' events are read for a failure (default 1 s). */
  eventCheckMs?: number;
}

/** The warning events that mean the pod's network set-up failed (the sandbox will not come up). */
export function isSandboxFailure(event: CoreV1Event): boolean {
  if (event.type !== 'Warning') return false;
  return ['FailedCreatePodSandBox', 'NoNetworkFound', 'FailedCreatePodSandbox', 'ErrorAddingNetwork', 'FailedAddingNetwork'].includes(event.reason ?? '')
    || /error adding container to network|multus/i.test(event.message ?? '');
}

/** The newest message of each distinct warning, oldest first. */
export function warningSummary(events: readonly CoreV1Event[]): string[] {
  const warnings = events.filter((e) => e.type === 'Warning');
  const time = (e: CoreV1Event): number => Date.parse(String(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0)) || 0;
  warnings.sort((a, b) => time(a) - time(b));
  const byMessage = new Map<string, string>();
  for (const e of warnings) byMessage.set(`${e.reason}:${e.message}`, `${e.reason}: ${e.message}`);
  return [...byMessage.values()];
}

export function isTerminal(pod: V1Pod): boolean {
  return pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
}

/**
 * Watches `names` in `namespace` until all run, one fails, the time is up or the signal aborts.
 * `start` runs once the watch is open (create the pods there); each pod is also read once after
 * it, so a pod that was already running is not missed.
 */
export async function waitForPods(
  stores: { pods: PodStore; events: EventStore },
  namespace: string,
  names: readonly string[],
  options: PodWaitOptions,
  start: () => Promise<void> = async () => {},
): Promise<PodWaitResult> {
  const pods = new Map<string, V1Pod | undefined>(names.map((n) => [n, undefined]));
  const failures = new Map<string, string>();
  const running = (): string[] => names.filter((n) => pods.get(n)?.status?.phase === 'Running');
  const watchStop = new AbortController();
  let wake: () => void = () => {};
  const stopOnAbort = (): void => {
    watchStop.abort();
    wake();
  };
  options.signal.addEventListener('abort', stopOnAbort, { once: true });
  const settled = (): boolean => names.every((n) => pods.get(n)?.status?.phase === 'Running' || failures.has(n));

  const see = (pod: V1Pod): void => {
    const name = pod.metadata?.name;
    if (name === undefined || !pods.has(name)) return;
    pods.set(name, pod);
    options.onChange?.(name, pod);
    if (isTerminal(pod)) failures.set(name, `pod ended as ${pod.status?.phase}${pod.status?.message ? `: ${pod.status.message}` : ''}`);
    wake();
  };
  const checkEvents = async (): Promise<void> => {
    for (const name of names) {
      if (failures.has(name) || pods.get(name)?.status?.phase === 'Running') continue;
      const events = await stores.events.listFor(namespace, name).catch(() => []);
      const failed = events.filter(isSandboxFailure);
      if (failed.length > 0) failures.set(name, warningSummary(failed).join('; '));
    }
    wake();
  };

  const watching = (async () => {
    // A server may close a watch at any time: reopen it until the wait is over.
    while (!watchStop.signal.aborted) {
      await stores.pods.watch({ namespace }, (_type, pod) => see(pod), watchStop.signal).catch(() => {});
      if (!watchStop.signal.aborted) await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const deadline = Date.now() + options.timeoutMs;
  const ticker = setInterval(() => void checkEvents(), options.eventCheckMs ?? 1000);
  try {
    await start();
    for (const name of names) {
      const pod = await stores.pods.get(namespace, name);
      if (pod !== undefined) see(pod);
    }
    while (!settled() && !options.signal.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    clearInterval(ticker);
    watchStop.abort();
    options.signal.removeEventListener('abort', stopOnAbort);
    await watching;
  }
  if (options.signal.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('interrupted');
  // Whatever still is not running: say why, from its events when it has any.
  for (const name of names) {
    if (failures.has(name) || pods.get(name)?.status?.phase === 'Running') continue;
    const events = await stores.events.listFor(namespace, name).catch(() => []);
    const warnings = warningSummary(events);
    const phase = pods.get(name)?.status?.phase ?? 'not seen';
    failures.set(name, `not running after ${Math.round(options.timeoutMs / 1000)}s (phase ${phase})${warnings.length > 0 ? `: ${warnings.join('; ')}` : ''}`);
  }
  return { pods, running: running(), failures };
}

/** Waits until each named pod is gone (watch DELETED, or a read finds nothing). Returns those still present. */
export async function waitForPodsGone(pods: PodStore, namespace: string, names: readonly string[], options: { signal: AbortSignal; timeoutMs: number }): Promise<string[]> {
  const present = new Set(names);
  const stop = new AbortController();
  let wake: () => void = () => {};
  const onAbort = (): void => {
    stop.abort();
    wake();
  };
  options.signal.addEventListener('abort', onAbort, { once: true });
  const watching = (async () => {
    while (!stop.signal.aborted) {
      await pods.watch({ namespace }, (type, pod) => {
        if (type === 'DELETED' && pod.metadata?.name) {
          present.delete(pod.metadata.name);
          wake();
        }
      }, stop.signal).catch(() => {});
      if (!stop.signal.aborted) await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (const name of [...present]) if ((await pods.get(namespace, name)) === undefined) present.delete(name);
    while (present.size > 0 && !options.signal.aborted && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // A DELETED event can be lost while a watch reconnects: confirm by reading.
    for (const name of [...present]) if ((await pods.get(namespace, name)) === undefined) present.delete(name);
  } finally {
    stop.abort();
    options.signal.removeEventListener('abort', onAbort);
    await watching;
  }
  return [...present];
}
