/**
 * Names shared by every area: annotation keys, the NAD API coordinates and default paths.
 * Keep literals here so a typo cannot make two modules disagree.
 */
export const NAD_GROUP = 'k8s.cni.cncf.io';
export const NAD_VERSION = 'v1';
export const NAD_PLURAL = 'network-attachment-definitions';
export const NAD_KIND = 'NetworkAttachmentDefinition';
export const NAD_API_VERSION = `${NAD_GROUP}/${NAD_VERSION}`;

export const Annotations = {
  /** The pod's requested attachments (comma form or JSON list). */
  networks: 'k8s.v1.cni.cncf.io/networks',
  /** What Multus attached, written after ADD. */
  networkStatus: 'k8s.v1.cni.cncf.io/network-status',
  /** Replaces the cluster network for one pod. */
  defaultNetwork: 'v1.multus-cni.io/default-network',
  /** Device-plugin resource a NAD needs (SR-IOV). */
  resourceName: 'k8s.v1.cni.cncf.io/resourceName',
  /** Non-"api" for static pods, which skip the pod UID check. */
  configSource: 'kubernetes.io/config.source',
} as const;

export const CniPaths = {
  confDir: '/etc/cni/net.d',
  binDir: '/opt/cni/bin',
  cacheDir: '/var/lib/cni',
  multusConfDir: '/etc/cni/multus/net.d',
  multusCniDir: '/var/lib/cni/multus',
  hostLocalDir: '/var/lib/cni/networks',
  multusSocket: '/run/multus/multus.sock',
} as const;

export const DEFAULT_NAMESPACE = 'default';
export const MULTUS_NAMESPACE = 'kube-system';
