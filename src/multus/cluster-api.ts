/**
 * Where the engine's MultusApi comes from. `multusctl add|del|check`: the multus config's
 * `kubeconfig` key when it has one, else the command's own cluster (--kubeconfig, KUBECONFIG, …).
 * Plugin mode, like multus: the `kubeconfig` key, else in-cluster when KUBERNETES_SERVICE_HOST/PORT
 * are set, else no API client at all.
 */
import type { Cluster } from '../k8s/ports.js';
import { multusApiFromCluster, type MultusApi } from './api.js';

export async function commandMultusApi(kubeconfig: string | undefined, commandCluster: () => Promise<Cluster>, env: NodeJS.ProcessEnv, trace?: (line: string) => void): Promise<MultusApi> {
  if (!kubeconfig) return multusApiFromCluster(await commandCluster());
  const { connect } = await import('../k8s/client.js');
  return multusApiFromCluster(await connect({ kubeconfig, env, trace }));
}

export async function pluginMultusApi(kubeconfig: string | undefined, env: NodeJS.ProcessEnv): Promise<MultusApi | undefined> {
  const inCluster = Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT);
  if (!kubeconfig && !inCluster) return undefined;
  const { connect } = await import('../k8s/client.js');
  // Only what multus itself would look at: never the user's KUBECONFIG or ~/.kube/config.
  const onlyService: NodeJS.ProcessEnv = { KUBERNETES_SERVICE_HOST: env.KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT: env.KUBERNETES_SERVICE_PORT, HOME: '/nonexistent' };
  return multusApiFromCluster(await connect({ kubeconfig, env: kubeconfig ? { HOME: '/nonexistent' } : onlyService }));
}
