/**
 * The API objects `lab up` registers, built as pure data: one Node per lab node (label, lab
 * annotations of CONTRACTS item 3, InternalIP, podCIDR, Ready, nodeInfo), the multus DaemonSet
 * (ready on every node, so doctor is content) and the namespaces.
 */
import { LabAnnotations, LAB_NODE_LABEL, MULTUS_NAMESPACE } from '../../constants.js';
import type { V1DaemonSet, V1Node } from '../../k8s/types.js';
import type { LabLayout, LabNodeLayout } from '../layout.js';

export const LAB_NAMESPACES = ['default', MULTUS_NAMESPACE] as const;
export const MULTUS_DAEMONSET = 'kube-multus-ds';

export function labNodeObject(node: LabNodeLayout, info: { kernelVersion: string; version: string; now: string }): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        [LAB_NODE_LABEL]: 'true',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': process.arch === 'x64' ? 'amd64' : process.arch,
      },
      annotations: {
        [LabAnnotations.netns]: node.netnsPath,
        [LabAnnotations.mountns]: node.mountns,
        [LabAnnotations.root]: node.root,
      },
    },
    spec: { podCIDR: node.podCidr, podCIDRs: [node.podCidr] },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.internalIp },
        { type: 'Hostname', address: node.name },
      ],
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'multusctl lab kubelet is posting ready status',
          lastHeartbeatTime: new Date(info.now).toISOString(),
          lastTransitionTime: new Date(info.now).toISOString(),
        },
      ],
      nodeInfo: {
        architecture: process.arch === 'x64' ? 'amd64' : process.arch,
        bootID: '',
        containerRuntimeVersion: 'multusctl-lab://netns',
        kernelVersion: info.kernelVersion,
        kubeProxyVersion: '',
        kubeletVersion: `multusctl-lab/${info.version}`,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'multusctl lab node (network namespace)',
        systemUUID: '',
      },
    },
  };
}

export function multusDaemonSet(layout: LabLayout): V1DaemonSet {
  const n = layout.nodes.length;
  const labels = { app: 'multus', name: 'multus' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: MULTUS_DAEMONSET, namespace: MULTUS_NAMESPACE, labels },
    spec: {
      selector: { matchLabels: { name: 'multus' } },
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          containers: [{ name: 'kube-multus', image: 'multusctl-lab/multus:in-process' }],
        },
      },
    },
    status: {
      currentNumberScheduled: n,
      desiredNumberScheduled: n,
      numberAvailable: n,
      numberMisscheduled: 0,
      numberReady: n,
      updatedNumberScheduled: n,
      observedGeneration: 1,
    },
  };
}
