/** The lab's kubeconfig (context `multusctl-lab`), written 0600 by the API server daemon. */
import { chmod, rename, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { LAB_CONTEXT } from '../constants.js';

export function labKubeconfig(server: { url: string; token: string; caCertPem: string }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: LAB_CONTEXT, cluster: { server: server.url, 'certificate-authority-data': Buffer.from(server.caCertPem).toString('base64') } }],
    users: [{ name: LAB_CONTEXT, user: { token: server.token } }],
    contexts: [{ name: LAB_CONTEXT, context: { cluster: LAB_CONTEXT, user: LAB_CONTEXT, namespace: 'default' } }],
    'current-context': LAB_CONTEXT,
    preferences: {},
  });
}

export async function writeKubeconfig(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
