/**
 * The test pods `pod attach` and `smoke` create: one container that only sleeps, the networks
 * annotation built from what the user asked for, optionally pinned to a node. Pure.
 */
import { Annotations } from '../constants.js';
import { formatElementShort, parseNetworkAnnotation, type NetworkSelectionElement } from '../multus/annotation.js';
import type { V1Pod } from '../k8s/types.js';

/** netshoot carries ip, ping, tcpdump and friends: what a person debugging a network wants in the pod. */
export const DEFAULT_TEST_IMAGE = 'nicolaka/netshoot';
/** The label every pod multusctl creates carries, so they can be found and cleaned up. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'multusctl';

/** One requested attachment, as `pod attach --network NAD[@ifname]` and the smoke plan describe it. */
export interface AttachmentRequest {
  /** The NAD: "name" (the pod's namespace) or "namespace/name". */
  nad: string;
  /** Interface name in the pod (default: multus's net<i>). */
  interface?: string;
  ips?: string[];
  mac?: string;
  /** Gateways for the pod's default route through this attachment. */
  defaultRoute?: string[];
  cniArgs?: Record<string, unknown>;
}

/** Parses `NAD[@ifname]` (NAD may be namespace/name). */
export function parseNetworkFlag(value: string): AttachmentRequest {
  const at = value.lastIndexOf('@');
  return at < 0 ? { nad: value } : { nad: value.slice(0, at), interface: value.slice(at + 1) };
}

/**
 * The networks annotation value: the comma form when every request is just a NAD and an
 * interface, the JSON form as soon as one asks for IPs, a MAC, a default route or CNI args
 * (the comma form cannot carry them). Validated by parsing it back with multus's own parser,
 * so a bad name fails here with multus's message, not later inside the runtime.
 */
export function networksAnnotation(requests: readonly AttachmentRequest[], podNamespace: string): string {
  const elements: NetworkSelectionElement[] = requests.map((r) => {
    const slash = r.nad.indexOf('/');
    const element: NetworkSelectionElement = slash < 0 ? { namespace: '', name: r.nad } : { namespace: r.nad.slice(0, slash), name: r.nad.slice(slash + 1) };
    if (r.interface !== undefined) element.interface = r.interface;
    return element;
  });
  const needsJson = requests.some((r) => r.ips !== undefined || r.mac !== undefined || r.defaultRoute !== undefined || r.cniArgs !== undefined);
  let value: string;
  if (needsJson) {
    value = JSON.stringify(
      requests.map((r, i) => {
        const e = elements[i]!;
        return {
          name: e.name,
          ...(e.namespace ? { namespace: e.namespace } : {}),
          ...(e.interface ? { interface: e.interface } : {}),
          ...(r.ips ? { ips: r.ips } : {}),
          ...(r.mac ? { mac: r.mac } : {}),
          ...(r.defaultRoute ? { 'default-route': r.defaultRoute } : {}),
          ...(r.cniArgs ? { 'cni-args': r.cniArgs } : {}),
        };
      }),
    );
  } else {
    value = elements.map((e) => (e.namespace ? formatElementShort(e) : `${e.name}${e.interface ? `@${e.interface}` : ''}`)).join(',');
  }
  parseNetworkAnnotation(value, podNamespace);
  return value;
}

export interface TestPodOptions {
  namespace: string;
  name: string;
  networks: string;
  image?: string;
  /** Pins the pod to a node (spec.nodeName: no scheduler involved, works on the lab too). */
  node?: string;
  labels?: Record<string, string>;
}

export function buildTestPod(options: TestPodOptions): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: options.namespace,
      name: options.name,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, ...options.labels },
      annotations: { [Annotations.networks]: options.networks },
    },
    spec: {
      ...(options.node ? { nodeName: options.node } : {}),
      // A test pod is thrown away: no grace period, nothing to restart.
      terminationGracePeriodSeconds: 0,
      restartPolicy: 'Never',
      containers: [
        {
          name: 'net',
          image: options.image ?? DEFAULT_TEST_IMAGE,
          // A large number rather than "infinity", which busybox's sleep may not take.
          command: ['sleep', '2147483647'],
        },
      ],
    },
  };
}
