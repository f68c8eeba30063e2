/**
 * Plugin mode: when the binary runs with CNI_COMMAND set it is a CNI plugin standing in for multus
 * (config on stdin, result or error JSON on stdout, exit 0 or 1 as libcni's skel does), so a
 * runtime or cnitool can call it. Errors carry code 999 like thin multus, except skel's own
 * checks (missing env 4, undecodable config 6, missing name 7, CHECK before 0.4.0 1).
 */
import type { MultusApi } from './api.js';
import { parseMultusConfig, type MultusConfig } from './config.js';
import type { PodNetnsOps } from './default-route.js';
import { multusAdd, multusCheck, multusDel, multusGc, multusStatus, type MultusDeps } from './engine.js';
import { CniCode, MultusError, messageOf } from './errors.js';
import type { DelegateRunner } from './runner.js';
import { CniError } from '../cni/errors.js';
import { versionAtLeast } from '../cni/conf.js';

export const SUPPORTED_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

export interface PluginIo {
  env: NodeJS.ProcessEnv;
  stdin: string;
}

export interface PluginOutcome {
  stdout: string;
  stderr: string;
  exitCode: 0 | 1;
}

/** How plugin mode gets its ports; `runCniPlugin` wires the real ones. */
export interface PluginWiring {
  runner(config: MultusConfig, env: NodeJS.ProcessEnv): Promise<DelegateRunner>;
  api(config: MultusConfig, env: NodeJS.ProcessEnv): Promise<MultusApi | undefined>;
  netnsOps(): PodNetnsOps;
  signal?: AbortSignal;
  /** Extra engine options (timeouts in tests). */
  tune?: Partial<MultusDeps>;
}

function cniError(cniVersion: string, code: number, msg: string, details?: string): string {
  const body: Record<string, unknown> = { cniVersion: cniVersion || '1.0.0', code, msg };
  if (details) body.details = details;
  return JSON.stringify(body, null, 4);
}

const REQUIRED_ENV: Record<string, string[]> = {
  ADD: ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'],
  DEL: ['CNI_CONTAINERID', 'CNI_IFNAME'],
  CHECK: ['CNI_CONTAINERID', 'CNI_NETNS', 'CNI_IFNAME'],
};

export async function runPluginMode(io: PluginIo, wiring: PluginWiring): Promise<PluginOutcome> {
  const command = io.env.CNI_COMMAND ?? '';
  let cniVersion = '';
  const stderr: string[] = [];
  const fail = (code: number, msg: string, details?: string): PluginOutcome => ({
    stdout: cniError(cniVersion, code, msg, details),
    stderr: stderr.join(''),
    exitCode: 1,
  });
  if (command === 'VERSION') {
    return { stdout: JSON.stringify({ cniVersion: '1.1.0', supportedVersions: SUPPORTED_VERSIONS }), stderr: '', exitCode: 0 };
  }
  let raw: { name?: unknown; cniVersion?: unknown };
  try {
    raw = JSON.parse(io.stdin) as typeof raw;
    if (typeof raw !== 'object' || raw === null) throw new Error('not a JSON object');
  } catch (err) {
    return fail(CniCode.decodeFailure, `error unmarshall network config: ${messageOf(err)}`);
  }
  cniVersion = typeof raw.cniVersion === 'string' ? raw.cniVersion : '';
  if (typeof raw.name !== 'string' || raw.name === '') return fail(CniCode.invalidNetworkConfig, 'missing network name');
  if (!['ADD', 'DEL', 'CHECK', 'GC', 'STATUS'].includes(command)) {
    return fail(CniCode.invalidEnv, `unknown CNI_COMMAND: ${command}`);
  }
  const missing = (REQUIRED_ENV[command] ?? []).filter((k) => !io.env[k]);
  if (missing.length > 0) return fail(CniCode.invalidEnv, `required env variables [${missing.join(' ')}] missing`);
  if (command === 'CHECK' && !versionAtLeast(cniVersion, '0.4.0')) {
    return fail(CniCode.incompatibleVersion, 'config version does not allow CHECK');
  }
  try {
    const config = parseMultusConfig(io.stdin);
    const debug = config.logLevel === 'debug' || config.logLevel === 'verbose';
    const deps: MultusDeps = {
      api: await wiring.api(config, io.env),
      runner: await wiring.runner(config, io.env),
      netnsOps: wiring.netnsOps(),
      signal: wiring.signal,
      podNotFound: 'empty-result',
      log: debug && config.logToStderr ? (line) => stderr.push(`${line}\n`) : undefined,
      ...wiring.tune,
    };
    const req = {
      config,
      containerId: io.env.CNI_CONTAINERID ?? '',
      netns: io.env.CNI_NETNS ?? '',
      ifName: io.env.CNI_IFNAME ?? '',
      cniArgs: io.env.CNI_ARGS,
    };
    switch (command) {
      case 'ADD': {
        const out = await multusAdd(req, deps);
        return { stdout: JSON.stringify(out.result, null, 4), stderr: stderr.join(''), exitCode: 0 };
      }
      case 'DEL':
        await multusDel(req, deps);
        return { stdout: '', stderr: stderr.join(''), exitCode: 0 };
      case 'CHECK':
        await multusCheck(req, deps, 'upstream');
        return { stdout: '', stderr: stderr.join(''), exitCode: 0 };
      case 'STATUS':
        try {
          await multusStatus(config, deps);
        } catch (err) {
          // The plugin's own error (e.g. 50 "not available") is returned with its code, as upstream does.
          if (err instanceof CniError) return fail(err.code, err.msg, err.details);
          throw err;
        }
        return { stdout: '', stderr: stderr.join(''), exitCode: 0 };
      default:
        await multusGc(config, deps);
        return { stdout: '', stderr: stderr.join(''), exitCode: 0 };
    }
  } catch (err) {
    const details = err instanceof MultusError ? err.details : undefined;
    return fail(CniCode.multus, messageOf(err), details);
  }
}
