/**
 * A lab node's files under `<labdir>/nodes/<node>/` (its `/`): the CNI directories, the plugin
 * binaries (links to the Debian plugins plus `multus` = multusctl), the cluster network conflist and
 * `00-multus.conf` first in its net.d. The configs use the standard paths, as on a real node; the
 * kubelet maps them to host paths (`multusConfigForHost`) because it reads them from the host.
 */
import { chmod, mkdir, readdir, readFile, rm, symlink, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { CniPaths } from '../../constants.js';
import { multusConfigFromObject, type MultusConfig } from '../../multus/config.js';
import { NODE_DIRS, nodeHostPath, type LabNodeLayout } from '../layout.js';

export const SYSTEM_PLUGIN_DIR = '/usr/lib/cni';
export const MULTUS_CONF_NAME = '00-multus.conf';
export const CLUSTER_CONFLIST_NAME = '10-lab-cluster.conflist';
export const CLUSTER_NETWORK_NAME = 'lab-cluster';
export const MULTUS_KUBECONFIG = `${CniPaths.confDir}/multus.d/multus.kubeconfig`;

export function clusterConflist(node: Pick<LabNodeLayout, 'podCidr' | 'podGateway'>): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: CLUSTER_NETWORK_NAME,
    plugins: [
      {
        type: 'bridge',
        bridge: 'cni0',
        isGateway: true,
        ipMasq: false,
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          ranges: [[{ subnet: node.podCidr, gateway: node.podGateway }]],
          routes: [{ dst: '0.0.0.0/0' }],
        },
      },
    ],
  };
}

export function multusConf(): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'multus-cni-network',
    type: 'multus',
    kubeconfig: MULTUS_KUBECONFIG,
    confDir: CniPaths.multusConfDir,
    cniDir: CniPaths.multusCniDir,
    binDir: CniPaths.binDir,
    clusterNetwork: `${CniPaths.confDir}/${CLUSTER_CONFLIST_NAME}`,
    logToStderr: true,
  };
}

async function writeAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text, { mode });
  await chmod(tmp, mode);
  await rename(tmp, path);
}

/**
 * Creates (or refreshes) the node's directories and files. `multusBin` is the multusctl launcher
 * linked as the node's `multus` plugin; `kubeconfig` the text of the kubeconfig multus uses.
 */
export async function writeNodeFiles(node: LabNodeLayout, opts: { multusBin: string; kubeconfig?: string }): Promise<void> {
  for (const dir of NODE_DIRS) await mkdir(nodeHostPath(node.root, dir), { recursive: true });
  const binDir = nodeHostPath(node.root, CniPaths.binDir);
  const wanted = new Map<string, string>();
  for (const name of await readdir(SYSTEM_PLUGIN_DIR)) wanted.set(name, join(SYSTEM_PLUGIN_DIR, name));
  wanted.set('multus', opts.multusBin);
  for (const [name, target] of wanted) {
    const link = join(binDir, name);
    await rm(link, { force: true });
    await symlink(target, link);
  }
  const confDir = nodeHostPath(node.root, CniPaths.confDir);
  await writeAtomic(join(confDir, CLUSTER_CONFLIST_NAME), `${JSON.stringify(clusterConflist(node), null, 2)}\n`);
  await writeAtomic(join(confDir, MULTUS_CONF_NAME), `${JSON.stringify(multusConf(), null, 2)}\n`);
  if (opts.kubeconfig !== undefined) {
    await mkdir(join(confDir, 'multus.d'), { recursive: true });
    await writeAtomic(nodeHostPath(node.root, MULTUS_KUBECONFIG), opts.kubeconfig, 0o600);
  }
}

/**
 * The node's 00-multus.conf with its paths mapped to where the host sees them, for the kubelet,
 * which runs the engine in the host's mount namespace (plugins themselves run in the node's).
 */
export function multusConfigForHost(raw: Record<string, unknown>, root: string): MultusConfig {
  const mapped: Record<string, unknown> = { ...raw };
  for (const key of ['confDir', 'cniDir', 'binDir', 'readinessindicatorfile', 'kubeconfig']) {
    if (typeof mapped[key] === 'string') mapped[key] = nodeHostPath(root, mapped[key] as string);
  }
  const config = multusConfigFromObject(mapped);
  // Missing keys took the standard defaults; map those too.
  config.confDir = config.confDir.startsWith(root) ? config.confDir : nodeHostPath(root, config.confDir);
  config.cniDir = config.cniDir.startsWith(root) ? config.cniDir : nodeHostPath(root, config.cniDir);
  config.binDir = config.binDir.startsWith(root) ? config.binDir : nodeHostPath(root, config.binDir);
  if (config.clusterNetwork?.startsWith('/')) config.clusterNetwork = nodeHostPath(root, config.clusterNetwork);
  config.defaultNetworks = config.defaultNetworks.map((n) => (n.startsWith('/') ? nodeHostPath(root, n) : n));
  return config;
}

export async function readNodeMultusConfig(root: string): Promise<MultusConfig> {
  const text = await readFile(join(nodeHostPath(root, CniPaths.confDir), MULTUS_CONF_NAME), 'utf8');
  return multusConfigForHost(JSON.parse(text) as Record<string, unknown>, root);
}
