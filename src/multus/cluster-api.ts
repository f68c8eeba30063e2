/**
 * Where the engine's MultusApi comes from. `multusctl add|del|check`: the multus config's
 * `kubeconfig` key when it has one, else the command's own cluster (--kubeconfig, KUBECONFIG, …).
 * Plugin mode, like multus: the `kubeconfig` key, else in-cluster when KUBERNETES_SERVICE_HOST/PORT
 * are set, else no API client at all. Either way it is the one Kubernetes client (src/k8s/client.ts).
 */
import type { ConnectOptions } from '../k8s/client.js';
import type { Cluster } from '../k8s/ports.js';
import { multusApiFromCluster, type MultusApi } from './api.js';
import { MultusError, messageOf } from './errors.js';

async function connectFor(kubeconfig: string | undefined, options: ConnectOptions): Promise<MultusApi> {
  try {
    const { connect } = await import('../k8s/client.js');
    return multusApiFromCluster(await connect(options));
  } catch (err) {
    throw new MultusError(kubeconfig ? `cannot read kubeconfig ${kubeconfig}: ${messageOf(err)}` : messageOf(err), { kind: 'api', cause: err });
  }
}

export async function commandMultusApi(
  kubeconfig: string | undefined,
  commandCluster: () => Promise<Cluster>,
  options: { trace?: (line: string) => void; timeoutMs?: number } = {},
): Promise<MultusApi> {
  if (!kubeconfig) return multusApiFromCluster(await commandCluster());
  // Only the multus config's kubeconfig, never the user's KUBECONFIG or ~/.kube/config.
  return connectFor(kubeconfig, { kubeconfig, env: {}, ...options });
}

export async function pluginMultusApi(kubeconfig: string | undefined, env: NodeJS.ProcessEnv): Promise<MultusApi | undefined> {
  // Only what multus itself would look at: never the user's KUBECONFIG or ~/.kube/config.
  if (kubeconfig) return connectFor(kubeconfig, { kubeconfig, env: {} });
  const { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT } = env;
  if (KUBERNETES_SERVICE_HOST && KUBERNETES_SERVICE_PORT) return connectFor(undefined, { env: { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT } });
  return undefined;
}
