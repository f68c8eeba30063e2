/**
 * The process entry of plugin mode (bin/run.js loads this chunk, never oclif, when CNI_COMMAND is
 * set): reads the config from stdin, wires the real ports (plugins on this machine, iproute2 in
 * the pod netns, the API from the config's kubeconfig or in-cluster) and prints the outcome.
 * SIGTERM/SIGINT abort the operation; ADD then rolls back before the process exits.
 */
import { appendFile } from 'node:fs/promises';
import { localPluginExec } from '../cni/local-exec.js';
import { CNI_PLUGIN_TIMEOUT_MS } from '../constants.js';
import { cniDelegateRunner } from './cni-runner.js';
import { pluginMultusApi } from './cluster-api.js';
import { ipNetnsOps } from './netns-ops.js';
import { runPluginMode } from './plugin-mode.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function pluginMain(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort();
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    const stdin = env.CNI_COMMAND === 'VERSION' ? '' : await readStdin();
    let logFile: string | undefined;
    const outcome = await runPluginMode(
      { env, stdin },
      {
        async runner(config, e) {
          logFile = config.logFile;
          const cniPath = (e.CNI_PATH ?? '').split(':').filter((d) => d !== '');
          return cniDelegateRunner({ exec: localPluginExec(), binDirs: [config.binDir, ...cniPath], cacheDir: config.cniDir, timeoutMs: CNI_PLUGIN_TIMEOUT_MS });
        },
        api: (config, e) => pluginMultusApi(config.kubeconfig, e),
        netnsOps: () => ipNetnsOps(),
        signal: abort.signal,
      },
    );
    if (logFile && outcome.stderr) await appendFile(logFile, outcome.stderr).catch(() => {});
    process.stdout.write(outcome.stdout);
    if (outcome.stderr && !logFile) process.stderr.write(outcome.stderr);
    return outcome.exitCode;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
