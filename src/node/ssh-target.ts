/**
 * Where and as whom the ssh transport connects: the flags first, then ~/.ssh/config (for the
 * `--ssh-host` alias, or the node's name when the config has an explicit `Host` for it), then the
 * node's InternalIP, port 22 and the local user name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { globToRegExp, hasExplicitHost, resolveSshHost, type IncludeReader } from './ssh-config.js';

/** The ssh flags every node-helper command takes. */
export interface SshFlags {
  host?: string;
  user?: string;
  keyFile?: string;
  port?: number;
  acceptNew?: boolean;
  /** known_hosts file (default ~/.ssh/known_hosts). */
  knownHosts?: string;
}

export interface SshTarget {
  /** What the user asked for (an alias, a name or an address), for messages. */
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  knownHostsPath: string;
  acceptNew: boolean;
  agentSocket?: string;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Include: ~ expanded, relative to ~/.ssh, a glob (`*`, `?`) in the last component. */
function includeReader(home: string): IncludeReader {
  return (pattern) => {
    const expanded = pattern.replace(/^~(?=\/|$)/, home);
    const path = isAbsolute(expanded) ? expanded : join(home, '.ssh', expanded);
    const dir = dirname(path);
    const re = globToRegExp(basename(path), '');
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => re.test(n)).sort();
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      try {
        return [readFileSync(join(dir, n), 'utf8')];
      } catch {
        return [];
      }
    });
  };
}

export function resolveSshTarget(flags: SshFlags, node: { name: string; internalIp?: string }, env: NodeJS.ProcessEnv): SshTarget {
  const home = env.HOME || homedir();
  const configPath = join(home, '.ssh', 'config');
  const configText = existsSync(configPath) ? readFileSync(configPath, 'utf8') : '';
  const include = includeReader(home);
  const alias = flags.host ?? (hasExplicitHost(configText, node.name, include) ? node.name : node.internalIp);
  if (!alias) throw new Error(`node ${node.name} has no InternalIP address`);
  const config = resolveSshHost(configText, alias, home, include);
  if (flags.keyFile && !existsSync(flags.keyFile)) throw new Error(`the ssh key file ${flags.keyFile} does not exist`);
  const identityFiles = flags.keyFile
    ? [flags.keyFile]
    : config.identityFiles.length > 0
      ? config.identityFiles
      : DEFAULT_KEYS.map((k) => join(home, '.ssh', k));
  return {
    alias,
    host: config.hostName ?? alias,
    port: flags.port ?? config.port ?? 22,
    user: flags.user ?? config.user ?? env.USER ?? userInfo().username,
    identityFiles: identityFiles.filter((f) => existsSync(f)),
    knownHostsPath: flags.knownHosts ?? join(home, '.ssh', 'known_hosts'),
    acceptNew: Boolean(flags.acceptNew),
    agentSocket: env.SSH_AUTH_SOCK || undefined,
  };
}
