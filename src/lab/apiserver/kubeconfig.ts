/** Writes a kubeconfig (mode 0600) that points at a running lab API server. */
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigTarget {
  url: string;
  token: string;
  caCertPem: string;
}

export function kubeconfigYaml(target: KubeconfigTarget, options: { context: string; namespace?: string }): string {
  const name = options.context;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: target.url, 'certificate-authority-data': Buffer.from(target.caCertPem).toString('base64') } }],
    users: [{ name, user: { token: target.token } }],
    contexts: [{ name, context: { cluster: name, user: name, ...(options.namespace ? { namespace: options.namespace } : {}) } }],
    'current-context': name,
    preferences: {},
  });
}

export async function writeKubeconfig(path: string, target: KubeconfigTarget, options: { context: string; namespace?: string }): Promise<void> {
  await writeFile(path, kubeconfigYaml(target, options), { mode: 0o600 });
}
