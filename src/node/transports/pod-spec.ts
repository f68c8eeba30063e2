/**
 * The `pod` transport's helper pod and paths, as pure functions: a short-lived privileged pod on
 * one node, like `kubectl debug node/NAME` (hostNetwork, hostPID, host `/` at /host, tolerating
 * every taint), and how paths on the node look from inside it. On a lab node the exec API already
 * runs commands in the node's namespaces, so the node's files are at their own paths (or under
 * the lab's root directory for the node).
 */
import { randomBytes } from 'node:crypto';
import { LabAnnotations } from '../../constants.js';
import { isLabNodeObject, labNodeRoot } from '../../lab/node-argv.js';
import type { V1Node, V1Pod } from '../../k8s/types.js';
import { DEFAULT_TEST_IMAGE, MANAGED_BY, MANAGED_BY_LABEL } from '../../smoke/test-pod.js';

/** netshoot has iproute2, nsenter, find and cat: all the node helper runs. */
export const HELPER_IMAGE = DEFAULT_TEST_IMAGE;
export const HELPER_CONTAINER = 'debugger';
export const HELPER_LABEL = 'multusctl.io/node-helper';
/** Where the node's `/` is mounted in the helper pod. */
export const HOST_MOUNT = '/host';
/** The pod ends itself after this long even if nobody deletes it (a crash, a second Ctrl-C). */
export const HELPER_LIFETIME_SECONDS = 3600;

/** `multusctl-node-<node>-<5 hex>`, at most 63 characters and a valid DNS label. */
export function helperPodName(nodeName: string, suffix = randomBytes(3).toString('hex').slice(0, 5)): string {
  const stem = nodeName.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const room = 63 - 'multusctl-node-'.length - suffix.length - 1;
  const node = stem.slice(0, room).replace(/^-+|-+$/g, '') || 'node';
  return `multusctl-node-${node}-${suffix}`;
}

export interface HelperPodOptions {
  namespace: string;
  name: string;
  nodeName: string;
  image?: string;
  lifetimeSeconds?: number;
}

export function helperPodSpec(o: HelperPodOptions): V1Pod {
  const lifetime = o.lifetimeSeconds ?? HELPER_LIFETIME_SECONDS;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: o.namespace,
      name: o.name,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [HELPER_LABEL]: o.nodeName.slice(0, 63).replace(/[^A-Za-z0-9_.-]/g, '_') },
    },
    spec: {
      nodeName: o.nodeName,
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      activeDeadlineSeconds: lifetime,
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: HELPER_CONTAINER,
          image: o.image ?? HELPER_IMAGE,
          command: ['sleep', String(lifetime)],
          securityContext: { privileged: true },
          volumeMounts: [{ name: 'host-root', mountPath: HOST_MOUNT, mountPropagation: 'HostToContainer' }],
        },
      ],
      volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
    },
  };
}

/**
 * How the node's paths look from inside the helper pod. `commands`: the root that programs run
 * in the pod see the node's `/` under (for netns paths, crictl, test); `files`: where the node's
 * own files (CNI dirs) are. A real node: both /host. A lab node: exec already runs on this host in
 * the node's namespaces, so commands see real paths (''); its files are at their own paths when
 * exec enters the node's mount namespace, else under the lab's root directory for the node.
 */
export interface HostRoots {
  commands: string;
  files: string;
}

export function hostRootsFor(node: V1Node | undefined): HostRoots {
  if (!node || !isLabNodeObject(node)) return { commands: HOST_MOUNT, files: HOST_MOUNT };
  if (node.metadata?.annotations?.[LabAnnotations.mountns]) return { commands: '', files: '' };
  return { commands: '', files: labNodeRoot(node) ?? '' };
}

/** A node path as seen from the helper pod. /proc is the host's already (hostPID). */
export function underRoot(root: string, path: string): string {
  if (root === '' || path === '/proc' || path.startsWith('/proc/')) return path;
  return `${root.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * argv that runs a node program (crictl, test) with the node's file system: chroot into /host on
 * a real node; as is on a lab node, where exec already is in the node's namespaces.
 */
export function onHostArgv(root: string, argv: readonly string[]): string[] {
  return root === HOST_MOUNT ? ['chroot', HOST_MOUNT, ...argv] : [...argv];
}

/** argv running `argv` in the network namespace at `netnsPath` (a node path) from the helper pod. */
export function inPodNetnsArgv(root: string, netnsPath: string, argv: readonly string[]): string[] {
  return ['nsenter', `--net=${underRoot(root, netnsPath)}`, '--', ...argv];
}
