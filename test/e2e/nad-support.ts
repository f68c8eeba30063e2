/** Shared set-up of the nad e2e tests: the real test API server and a client to arrange objects. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { runCli, type CliResult } from './helpers.js';

export interface NadWorld {
  server: TestApiServer;
  cluster: Cluster;
  /** runs the built CLI against this server. */
  cli(args: string[], options?: { stdin?: string }): Promise<CliResult>;
  /** writes a file into the server's temp dir and returns its path. */
  file(name: string, text: string): Promise<string>;
  close(): Promise<void>;
}

export async function nadWorld(): Promise<NadWorld> {
  const server = await startTestApiServer();
  const cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
  return {
    server,
    cluster,
    cli: (args, options = {}) => runCli([...args, '--kubeconfig', server.kubeconfigPath], { stdin: options.stdin, env: { KUBECONFIG: '' }, timeoutMs: 120_000 }),
    async file(name, text) {
      const path = join(server.dir, name);
      await writeFile(path, text);
      return path;
    },
    close: () => server.close(),
  };
}

export const macvlanFlags = (subnet = '10.60.0.0/24'): string[] => ['--type', 'macvlan', '--master', 'eth1', '--ipam', 'host-local', '--subnet', subnet, '--range-start', subnet.replace('0/24', '10'), '--range-end', subnet.replace('0/24', '99'), '--gateway', subnet.replace('0/24', '1')];

export function podWith(name: string, networks: string, namespace = 'default') {
  return { metadata: { name, namespace, annotations: { 'k8s.v1.cni.cncf.io/networks': networks } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
}
