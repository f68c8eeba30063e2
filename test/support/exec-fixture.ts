/**
 * What the exec tests need: the lab's real API server (startTestApiServer) with the lab exec
 * handler, pods created through the API whose lab netns annotation points at a namespace the test
 * made, and a client-node KubeConfig plus the kubeconfig file for kubectl.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { LabAnnotations } from '../../src/constants.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import type { V1Pod } from '../../src/k8s/types.js';
import { createExecHandler, type ExecHandler } from '../../src/lab/apiserver/exec.js';
import { startTestApiServer } from './apiserver.js';

export interface ExecFixture {
  url: string;
  token: string;
  caCertPem: string;
  kubeConfig: KubeConfig;
  /** The same config as a file, for kubectl. */
  kubeconfigPath: string;
  cluster: Cluster;
  addPod(namespace: string, name: string, netnsPath: string | undefined, containers?: string[]): Promise<V1Pod>;
  close(): Promise<void>;
}

export function labPod(namespace: string, name: string, netnsPath: string | undefined, containers = ['main']): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name, ...(netnsPath ? { annotations: { [LabAnnotations.netns]: netnsPath } } : {}) },
    spec: { containers: containers.map((c) => ({ name: c, image: 'lab' })) },
  };
}

export async function startExecFixture(): Promise<ExecFixture> {
  const handler: ExecHandler = createExecHandler();
  const api = await startTestApiServer({ exec: handler });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(api.kubeconfigPath);
  const cluster = await connect({ kubeconfig: api.kubeconfigPath, namespace: 'default', env: {} });
  return {
    url: api.url,
    token: api.token,
    caCertPem: api.caCertPem,
    kubeConfig,
    kubeconfigPath: api.kubeconfigPath,
    cluster,
    addPod: (namespace, name, netnsPath, containers) => cluster.pods.create(labPod(namespace, name, netnsPath, containers)),
    async close() {
      handler.close();
      await api.close();
    },
  };
}
