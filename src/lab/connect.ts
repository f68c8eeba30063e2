/** The lab's own API client: the Kubernetes client (src/k8s/client.ts) on the lab's kubeconfig. */
import { LAB_CONTEXT } from '../constants.js';
import type { Cluster } from '../k8s/ports.js';
import type { LabConnect } from './lab.js';
import { clusterRegistrar } from './register.js';

export async function labConnect(kubeconfig: string, env: NodeJS.ProcessEnv): Promise<Cluster> {
  const { connect } = await import('../k8s/client.js');
  return connect({ kubeconfig, context: LAB_CONTEXT, env, timeoutMs: 30_000 });
}

export function labConnectPort(env: NodeJS.ProcessEnv): LabConnect {
  return {
    cluster: (kubeconfig) => labConnect(kubeconfig, env),
    registrar: async (kubeconfig) => clusterRegistrar(await labConnect(kubeconfig, env)),
  };
}
