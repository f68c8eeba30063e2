/**
 * What the exec tests need: a real HTTP server on 127.0.0.1 whose pods/exec upgrades go to the
 * lab's exec handler, a pod whose lab netns annotation points at a namespace the test made, and a
 * KubeConfig for client-node. Pods are looked up from a map the test fills (`addPod`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { LabAnnotations } from '../../src/constants.js';
import type { V1Pod } from '../../src/k8s/types.js';
import { createExecHandler, type ExecHandler } from '../../src/lab/apiserver/exec.js';

export interface ExecFixture {
  url: string;
  kubeConfig: KubeConfig;
  /** The same config as a file, for kubectl. */
  kubeconfigPath: string;
  addPod(namespace: string, name: string, netnsPath: string | undefined, containers?: string[]): V1Pod;
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

/** Just enough discovery for kubectl to know what a pod is. */
const DISCOVERY: Record<string, object> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
      { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
    ],
  },
};
const POD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/;
const EXEC_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/;

export async function startExecFixture(): Promise<ExecFixture> {
  const pods = new Map<string, V1Pod>();
  const handler: ExecHandler = createExecHandler();
  // GET of a pod too: kubectl reads the pod (phase, containers) before it execs.
  const server: Server = createServer((req, res) => {
    const discovery = DISCOVERY[new URL(req.url ?? '/', 'http://x').pathname];
    if (discovery) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(discovery));
      return;
    }
    const m = POD_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const pod = m && req.method === 'GET' ? pods.get(`${m[1]}/${m[2]}`) : undefined;
    if (!pod) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ...pod, status: { phase: 'Running' } }));
  });
  server.on('upgrade', (req, socket, head) => {
    const m = EXEC_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const pod = m ? pods.get(`${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`) : undefined;
    if (!pod) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    handler(req, socket, head, { pod });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'fixture', server: url, skipTLSVerify: true }],
    users: [{ name: 'fixture', token: 'fixture' }],
    contexts: [{ name: 'fixture', cluster: 'fixture', user: 'fixture', namespace: 'default' }],
    currentContext: 'fixture',
  });
  const dir = mkdtempSync(join(tmpdir(), 'mexec-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeConfig.exportConfig(), { mode: 0o600 });
  return {
    url,
    kubeConfig,
    kubeconfigPath,
    addPod(namespace, name, netnsPath, containers) {
      const pod = labPod(namespace, name, netnsPath, containers);
      pods.set(`${namespace}/${name}`, pod);
      return pod;
    },
    async close() {
      handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
