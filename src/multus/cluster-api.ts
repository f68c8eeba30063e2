/**
 * Where the engine's MultusApi comes from. `multusctl add|del|check`: the multus config's
 * `kubeconfig` key when it has one, else the command's own cluster (--kubeconfig, KUBECONFIG, …).
 * Plugin mode, like multus: the `kubeconfig` key, else in-cluster when KUBERNETES_SERVICE_HOST/PORT
 * are set, else no API client at all. Both use the lightweight client (lite-api.ts) when the
 * kubeconfig is one it can read, and the full client otherwise.
 */
import type { Cluster } from '../k8s/ports.js';
import { multusApiFromCluster, type MultusApi } from './api.js';
import { liteMultusApi } from './lite-api.js';
import { liteInClusterTarget, liteTargetFromFile, type LiteTarget } from './lite-kubeconfig.js';
import { MultusError, messageOf } from './errors.js';

export type ClosableApi = MultusApi & { close(): void };

function closable(api: MultusApi): ClosableApi {
  return { ...api, close: () => {} };
}

function readTarget(kubeconfig: string): LiteTarget | undefined {
  try {
    return liteTargetFromFile(kubeconfig);
  } catch (err) {
    throw new MultusError(`cannot read kubeconfig ${kubeconfig}: ${messageOf(err)}`, { kind: 'api', cause: err });
  }
}

async function fullClient(options: { kubeconfig?: string; env: NodeJS.ProcessEnv; trace?: (line: string) => void; timeoutMs?: number }): Promise<ClosableApi> {
  const { connect } = await import('../k8s/client.js');
  return closable(multusApiFromCluster(await connect(options)));
}

export async function commandMultusApi(
  kubeconfig: string | undefined,
  commandCluster: () => Promise<Cluster>,
  env: NodeJS.ProcessEnv,
  options: { trace?: (line: string) => void; timeoutMs?: number } = {},
): Promise<ClosableApi> {
  if (!kubeconfig) return closable(multusApiFromCluster(await commandCluster()));
  const target = readTarget(kubeconfig);
  if (target) return liteMultusApi(target, options);
  return fullClient({ kubeconfig, env, ...options });
}

export async function pluginMultusApi(kubeconfig: string | undefined, env: NodeJS.ProcessEnv): Promise<ClosableApi | undefined> {
  if (kubeconfig) {
    const target = readTarget(kubeconfig);
    // Only what multus itself would look at: never the user's KUBECONFIG or ~/.kube/config.
    return target ? liteMultusApi(target) : fullClient({ kubeconfig, env: {} });
  }
  const inCluster = liteInClusterTarget(env);
  if (inCluster) return liteMultusApi(inCluster);
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) {
    return fullClient({ env: { KUBERNETES_SERVICE_HOST: env.KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT: env.KUBERNETES_SERVICE_PORT } });
  }
  return undefined;
}
