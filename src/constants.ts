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

/**
 * How the lab marks its objects (spec/lab.md). Lab Node and Pod objects carry the path of their
 * network namespace (and, for nodes, a mount namespace and the directory standing for the node's
 * `/`), so node helpers, pods/exec and the kubelet find them from the API objects alone.
 */
export const LabAnnotations = {
  /** Absolute path of the object's network namespace (e.g. /var/run/netns/mlab-node1). */
  netns: 'lab.multusctl.dev/netns',
  /** Node only, optional: a mount namespace in which the node's CNI dirs sit at the standard paths. */
  mountns: 'lab.multusctl.dev/mountns',
  /** Node only: the host directory that stands for the node's `/` (its etc/cni, opt/cni, var/lib/cni). */
  root: 'lab.multusctl.dev/root',
} as const;

/** Label on every lab Node object. */
export const LAB_NODE_LABEL = 'multusctl.io/lab';
/** The kubeconfig context, cluster and user name `lab up` writes. */
export const LAB_CONTEXT = 'multusctl-lab';

/** Time limit of one CNI plugin call made by multusctl (add/del/check, plugin mode, the lab kubelet). */
export const CNI_PLUGIN_TIMEOUT_MS = 60_000;

/** CNI spec versions, oldest first. */
export const KNOWN_CNI_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] as const;

/** What `nad create` and the NAD lint rules know about common plugins (spec/cli.md, NAD lint rules). */
export const NadDefaults = {
  /** cniVersion of configs `nad create` builds (the Debian plugins speak up to 1.0.0). */
  cniVersion: '1.0.0',
  macvlanModes: ['bridge', 'private', 'vepa', 'passthru', 'source'],
  ipvlanModes: ['l2', 'l3', 'l3s'],
  /** Plugins that attach to a node interface named by `master`. */
  masterPlugins: ['macvlan', 'ipvlan', 'vlan'],
  pluginTypes: ['macvlan', 'ipvlan', 'bridge', 'host-device', 'sriov', 'vlan', 'ptp', 'ib-sriov', 'ovs', 'tap'],
  ipamTypes: ['host-local', 'static', 'dhcp', 'whereabouts'],
  vlanMin: 1,
  vlanMax: 4094,
  mtuMin: 68,
  mtuMax: 65535,
  /** --service-cidr is looked for in these kube-system pods' command lines. */
  apiServerFlag: '--service-cluster-ip-range',
  controllerManagerFlag: '--cluster-cidr',
} as const;
