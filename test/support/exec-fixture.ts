/**
 * What the exec tests need: a real HTTP server on 127.0.0.1 whose pods/exec upgrades go to the
 * lab's exec handler, a pod whose lab netns annotation points at a namespace the test made, and a
 * KubeConfig for client-node. Pods are looked up from a map the test fills (`addPod`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { LabAnnotations } from '../../src/constants.js';
import type { V1Pod } from '../../src/k8s/types.js';
import { createExecHandler, type ExecHandler } from '../../src/lab/apiserver/exec.js';

export interface ExecFixture {
  url: string;
  kubeConfig: KubeConfig;
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

const EXEC_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/;

export async function startExecFixture(): Promise<ExecFixture> {
  const pods = new Map<string, V1Pod>();
  const handler: ExecHandler = createExecHandler();
  const server: Server = createServer((_req, res) => {
    res.writeHead(404).end();
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
  return {
    url,
    kubeConfig,
    addPod(namespace, name, netnsPath, containers) {
      const pod = labPod(namespace, name, netnsPath, containers);
      pods.set(`${namespace}/${name}`, pod);
      return pod;
    },
    async close() {
      handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
