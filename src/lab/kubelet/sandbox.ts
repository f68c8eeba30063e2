/**
 * A lab pod's sandbox: its network namespace and the CNI ADD/DEL through the multus engine
 * (src/multus/engine.ts, the same path `multusctl add` takes). The engine runs in the kubelet
 * process with a real API client; every plugin runs inside the node's network and mount
 * namespaces (labNodeArgv), so it sees the node's eth0/eth1 and the node's CNI directories.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { V1Node, V1Pod } from '../../k8s/types.js';
import { localPluginExec } from '../../cni/local-exec.js';
import { cniDelegateRunner } from '../../multus/cni-runner.js';
import { multusAdd, multusDel, type AddOutcome, type DelOutcome, type MultusDeps } from '../../multus/engine.js';
import { ipNetnsOps } from '../../multus/netns-ops.js';
import { scratchPath } from '../../multus/scratch.js';
import type { MultusApi } from '../../multus/api.js';
import type { MultusConfig } from '../../multus/config.js';
import { labNodeArgv, labNodeRoot } from '../node-argv.js';
import { readNodeMultusConfig } from '../nodes/files.js';

export const PLUGIN_TIMEOUT_MS = 60_000;

/** The CNI container ID of a pod's sandbox: stable per pod UID, so DEL after a restart matches ADD. */
export function sandboxContainerId(uid: string): string {
  return createHash('sha256').update(`multusctl-lab/${uid}`).digest('hex');
}

export function podCniArgs(pod: V1Pod, containerId: string): string {
  const m = pod.metadata ?? {};
  return [
    'IgnoreUnknown=1',
    `K8S_POD_NAMESPACE=${m.namespace ?? ''}`,
    `K8S_POD_NAME=${m.name ?? ''}`,
    `K8S_POD_INFRA_CONTAINER_ID=${containerId}`,
    `K8S_POD_UID=${m.uid ?? ''}`,
  ].join(';');
}

export interface SandboxDeps {
  /** undefined: no API (DEL of an orphan from its scratch file only). */
  api?: MultusApi;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

function engineDeps(node: V1Node, config: MultusConfig, deps: SandboxDeps): MultusDeps {
  return {
    api: deps.api,
    runner: cniDelegateRunner({
      exec: localPluginExec({ wrap: (argv) => labNodeArgv(node, argv) }),
      binDirs: [config.binDir],
      cacheDir: config.cniDir,
      timeoutMs: PLUGIN_TIMEOUT_MS,
    }),
    netnsOps: ipNetnsOps(),
    signal: deps.signal,
    podNotFound: 'error',
    log: deps.log,
  };
}

async function nodeConfig(node: V1Node): Promise<MultusConfig> {
  const root = labNodeRoot(node);
  if (!root) throw new Error(`node ${node.metadata?.name ?? '?'} has no ${'lab.multusctl.dev/root'} annotation`);
  return readNodeMultusConfig(root);
}

export interface SandboxRef {
  namespace: string;
  name: string;
  uid: string;
  netns: string;
}

function requestFor(ref: SandboxRef, config: MultusConfig, pod?: V1Pod) {
  const containerId = sandboxContainerId(ref.uid);
  const cniArgs = pod
    ? podCniArgs(pod, containerId)
    : `IgnoreUnknown=1;K8S_POD_NAMESPACE=${ref.namespace};K8S_POD_NAME=${ref.name};K8S_POD_INFRA_CONTAINER_ID=${containerId};K8S_POD_UID=${ref.uid}`;
  return { config, containerId, netns: ref.netns, ifName: 'eth0', cniArgs };
}

export async function sandboxAdd(pod: V1Pod, node: V1Node, netns: string, deps: SandboxDeps): Promise<AddOutcome> {
  const config = await nodeConfig(node);
  const ref = { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', netns };
  return multusAdd(requestFor(ref, config, pod), engineDeps(node, config, deps));
}

/** True when the node holds multus's scratch file for this pod (an ADD ran and no DEL since). */
export async function hasSandboxState(uid: string, node: V1Node): Promise<boolean> {
  const config = await nodeConfig(node);
  return existsSync(scratchPath(config.cniDir, sandboxContainerId(uid)));
}

export async function sandboxDel(ref: SandboxRef, node: V1Node, deps: SandboxDeps): Promise<DelOutcome> {
  const config = await nodeConfig(node);
  return multusDel(requestFor(ref, config), engineDeps(node, config, deps));
}
