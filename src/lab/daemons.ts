/**
 * The bodies of the lab's detached processes (`multusctl lab daemon apiserver|kubelet --dir DIR`):
 * the API server (writes the kubeconfig and a ready file once it listens) and the kubelet (talks to
 * the API through the Cluster port like any client). Both stop cleanly on SIGTERM.
 */
import { existsSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { LAB_CONTEXT } from '../constants.js';
import type { Cluster } from '../k8s/ports.js';
import { labConnect } from './connect.js';
import { API_READY_FILE, KUBELET_READY_FILE, NODES_READY_FILE, resolveLayout } from './lab.js';
import type { DaemonRole } from './procs.js';

function stamp(line: string): string {
  return `${new Date().toISOString()} ${line}\n`;
}

async function writeReady(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function untilSignal(): { signal: AbortSignal; done: Promise<void> } {
  const controller = new AbortController();
  const done = new Promise<void>((resolve) => {
    const stop = (): void => {
      controller.abort();
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return { signal: controller.signal, done };
}


async function runApiServer(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { layout, record } = resolveLayout({ dir });
  const log = (line: string): void => void process.stdout.write(stamp(line));
  const { startApiServer, writeKubeconfig } = await import('./apiserver/index.js');
  const { createExecHandler } = await import('./apiserver/exec.js');
  let cluster: Promise<Cluster> | undefined;
  const exec = createExecHandler({
    getNode: async (name) => {
      cluster ??= labConnect(layout.kubeconfig, env);
      return (await cluster).nodes.get(name);
    },
    log,
  });
  const start = (port?: number) => startApiServer({ dir, host: '127.0.0.1', port, exec: exec as never, log });
  let server;
  try {
    server = await start(record?.apiPort);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || record?.apiPort === undefined) throw err;
    log(`port ${record.apiPort} is taken; using a new one (the kubeconfig is rewritten)`);
    server = await start(undefined);
  }
  await writeKubeconfig(layout.kubeconfig, server, { context: LAB_CONTEXT, namespace: 'default' });
  await writeReady(join(layout.runDir, API_READY_FILE), JSON.stringify({ url: server.url, port: server.port, pid: process.pid }));
  log(`API server listening on ${server.url}`);
  const { done } = untilSignal();
  await done;
  log('stopping');
  exec.close();
  // Open watches keep connections alive; do not wait for them for long.
  await Promise.race([server.close(), new Promise((r) => setTimeout(r, 500).unref())]);
}

async function runKubelet(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { layout } = resolveLayout({ dir });
  const log = (line: string): void => void process.stdout.write(stamp(line));
  const cluster = await labConnect(layout.kubeconfig, env);
  const { Kubelet } = await import('./kubelet/kubelet.js');
  const kubelet = new Kubelet({
    cluster,
    bind: (namespace, name, nodeName) => cluster.pods.bind(namespace, name, nodeName),
    prefix: layout.options.prefix,
    podNetnsPrefix: layout.podNetnsPrefix,
    log,
  });
  const { signal, done } = untilSignal();
  // `lab up` makes and registers the nodes while this process boots; wait until it has.
  while (!existsSync(join(layout.runDir, NODES_READY_FILE)) && !signal.aborted) await new Promise((r) => setTimeout(r, 100));
  log(`kubelet for ${layout.nodes.map((n) => n.name).join(', ')} (prefix ${layout.options.prefix})`);
  const running = kubelet.run(signal, () => {
    log('reconciled; watching pods');
    void writeReady(join(layout.runDir, KUBELET_READY_FILE), String(process.pid));
  });
  await done;
  // Work in flight gets a moment to finish; a sandbox cut short is DELeted by the next start's
  // reconcile (its scratch file is there), so stopping never waits long.
  await Promise.race([running, new Promise((r) => setTimeout(r, 1500).unref())]);
  log('stopped');
}

/** Runs until SIGTERM/SIGINT, then exits (keep-alive sockets must not hold a stopped daemon up). */
export async function runLabDaemon(role: DaemonRole, dir: string, env: NodeJS.ProcessEnv): Promise<never> {
  try {
    if (role === 'apiserver') await runApiServer(dir, env);
    else await runKubelet(dir, env);
  } catch (err) {
    process.stderr.write(stamp(`${role} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
    process.exit(1);
  }
  process.exit(0);
}
