/**
 * The engine's view of libcni: run one delegate (a config or a conflist) for ADD, DEL or CHECK and
 * read results. `cni-runner.ts` implements it with src/cni; tests of the engine's ordering may
 * record calls through the same port.
 */
import type { Delegate, JsonObject } from './delegate.js';
import type { ArgPair } from './cni-args.js';
import type { CurrentResult } from './network-status.js';
import type { GcAttachment } from '../cni/libcni.js';

/** One delegate invocation's runtime (libcni RuntimeConf). */
export interface DelegateRuntime {
  containerId: string;
  netns: string;
  ifName: string;
  args: ArgPair[];
  capabilityArgs: JsonObject;
}

export interface DelegateRunner {
  /** ADD; returns the raw result (as the last plugin printed it) and its CNI 1.0 form. */
  add(delegate: Delegate, rt: DelegateRuntime, signal?: AbortSignal): Promise<{ raw: JsonObject; current: CurrentResult }>;
  del(delegate: Delegate, rt: DelegateRuntime, signal?: AbortSignal): Promise<void>;
  check(delegate: Delegate, rt: DelegateRuntime, signal?: AbortSignal): Promise<void>;
  /** CNI STATUS of a delegate (CNI 1.1.0 and later; a no-op for older configs). */
  status?(delegate: Delegate, signal?: AbortSignal): Promise<void>;
  /** libcni GC of a delegate: DEL of its stale cached attachments, then (CNI 1.1.0 on) each plugin's GC. */
  gc?(delegate: Delegate, valid: readonly GcAttachment[], signal?: AbortSignal): Promise<void>;
  /** Converts a result to another CNI version (the master's result to the multus config's). */
  convert(result: JsonObject, toVersion: string): JsonObject;
  /** Path of the libcni result cache file of this attachment. */
  cachePath(delegate: Delegate, rt: Pick<DelegateRuntime, 'containerId' | 'ifName'>): string;
}
