/**
 * A small healthy cluster as plain objects (two nodes, a ready multus daemonset with a pod per
 * node, two NADs, pods using them with matching network-status). Tests plant one problem each.
 */
import type { NetworkAttachmentDefinition, V1DaemonSet, V1Node, V1Pod } from '../../../src/k8s/types.js';
import type { DoctorInput } from '../../../src/smoke/doctor/types.js';

export function node(name: string): V1Node {
  return { metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };
}

export function nad(namespace: string, name: string, config: object): NetworkAttachmentDefinition {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition',
    metadata: { namespace, name },
    spec: { config: JSON.stringify({ cniVersion: '1.0.0', name, ...config }) },
  };
}

export function macvlan(namespace: string, name: string, subnet: string, rangeStart?: string, rangeEnd?: string): NetworkAttachmentDefinition {
  return nad(namespace, name, {
    type: 'macvlan', master: 'eth1', mode: 'bridge',
    ipam: { type: 'host-local', ranges: [[{ subnet, ...(rangeStart ? { rangeStart } : {}), ...(rangeEnd ? { rangeEnd } : {}) }]] },
  });
}

export const MULTUS_DS: V1DaemonSet = {
  metadata: { namespace: 'kube-system', name: 'kube-multus-ds', uid: 'ds-uid-1' },
  spec: { selector: { matchLabels: { app: 'multus' } }, template: { spec: { containers: [{ name: 'kube-multus', image: 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.0.2' }] } } },
  status: { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberMisscheduled: 0 },
};

export function multusPod(nodeName: string, ready = true): V1Pod {
  return {
    metadata: { namespace: 'kube-system', name: `kube-multus-ds-${nodeName}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-multus-ds', uid: 'ds-uid-1' }] },
    spec: { nodeName, containers: [{ name: 'kube-multus' }] },
    status: { phase: ready ? 'Running' : 'Pending', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

/** A pod on `nodeName` asking for `networks`, with the network-status multus would have written. */
export function appPod(namespace: string, name: string, nodeName: string, networks: string, statuses?: object[]): V1Pod {
  const annotations: Record<string, string> = { 'k8s.v1.cni.cncf.io/networks': networks };
  if (statuses !== undefined) annotations['k8s.v1.cni.cncf.io/network-status'] = JSON.stringify(statuses);
  return {
    metadata: { namespace, name, annotations },
    spec: { nodeName, containers: [{ name: 'app' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export const clusterStatus = { name: 'cbr0', interface: 'eth0', ips: ['10.244.1.5'], default: true, dns: {} };

export function healthyCluster(): DoctorInput {
  return {
    nodes: [node('node1'), node('node2')],
    daemonSets: [MULTUS_DS],
    pods: [
      multusPod('node1'),
      multusPod('node2'),
      appPod('default', 'web', 'node1', 'macvlan-a', [clusterStatus, { name: 'default/macvlan-a', interface: 'net1', ips: ['192.168.10.20'], dns: {} }]),
      appPod('team', 'db', 'node2', 'default/macvlan-a@data,team/macvlan-b', [
        clusterStatus,
        { name: 'default/macvlan-a', interface: 'data', ips: ['192.168.10.21'], dns: {} },
        { name: 'team/macvlan-b', interface: 'net2', ips: ['192.168.20.30'], dns: {} },
      ]),
      { metadata: { namespace: 'default', name: 'plain' }, spec: { nodeName: 'node1', containers: [{ name: 'x' }] }, status: { phase: 'Running' } },
    ],
    nads: [
      macvlan('default', 'macvlan-a', '192.168.10.0/24', '192.168.10.20', '192.168.10.99'),
      macvlan('team', 'macvlan-b', '192.168.20.0/24', '192.168.20.30', '192.168.20.99'),
    ],
    nodeConfigs: [
      { node: 'node1', confDir: '/etc/cni/net.d', files: ['00-multus.conf', '10-flannel.conflist'], firstType: 'multus' },
      { node: 'node2', confDir: '/etc/cni/net.d', files: ['00-multus.conf', '10-flannel.conflist'], firstType: 'multus' },
    ],
  };
}
