/**
 * The part of ~/.ssh/config multusctl honours (ssh_config(5)): `Host` blocks with patterns
 * (`*`, `?`, `!negation`), and HostName, User, Port, IdentityFile. As in OpenSSH the first value
 * obtained for a keyword wins, IdentityFile accumulates. `Include` is followed (through the
 * injected reader, relative paths from ~/.ssh). `Match` blocks are skipped (never match).
 */

/** Returns the texts of the files an Include pattern names (already expanded and globbed). */
export type IncludeReader = (pattern: string) => string[];
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
}

interface Block {
  patterns: string[] | 'match';
  options: Array<[string, string]>;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function parseBlocks(text: string, include?: IncludeReader, depth = 0, blocks: Block[] = [{ patterns: ['*'], options: [] }]): Block[] {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'host') blocks.push({ patterns: value.split(/\s+/).map(unquote), options: [] });
    else if (key === 'match') blocks.push({ patterns: 'match', options: [] });
    else if (key === 'include') {
      // Included lines belong to the block they appear in, as in ssh_config(5).
      if (include && depth < 16) for (const pattern of value.split(/\s+/)) for (const t of include(unquote(pattern))) parseBlocks(t, include, depth + 1, blocks);
    }
    else blocks[blocks.length - 1]!.options.push([key, unquote(value)]);
  }
  return blocks;
}

/** ssh's `*` and `?` wildcards as a RegExp (case-insensitive for host names). */
export function globToRegExp(pattern: string, flags = 'i'): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${body}$`, flags);
}

/** ssh_config pattern-list matching: any positive pattern matches and no negated one does. */
export function hostMatches(patterns: readonly string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(host)) return false;
    } else if (globToRegExp(p).test(host)) {
      matched = true;
    }
  }
  return matched;
}

function expand(value: string, host: string, home: string): string {
  return value.replace(/^~(?=\/|$)/, home).replace(/%(.)/g, (all, c: string) => (c === 'h' ? host : c === 'd' ? home : c === '%' ? '%' : all));
}

/** The options ~/.ssh/config gives `host` (the name as typed). */
export function resolveSshHost(configText: string, host: string, home: string, include?: IncludeReader): SshHostConfig {
  const out: SshHostConfig = { identityFiles: [] };
  for (const block of parseBlocks(configText, include)) {
    if (block.patterns === 'match' || !hostMatches(block.patterns, host)) continue;
    for (const [key, value] of block.options) {
      if (key === 'hostname' && out.hostName === undefined) out.hostName = expand(value, host, home);
      else if (key === 'user' && out.user === undefined) out.user = value;
      else if (key === 'port' && out.port === undefined && /^\d+$/.test(value)) out.port = Number(value);
      else if (key === 'identityfile') out.identityFiles.push(expand(value, out.hostName ?? host, home));
    }
  }
  return out;
}

/** True when a Host block names `host` without wildcards (an explicit alias such as `Host node1`). */
export function hasExplicitHost(configText: string, host: string, include?: IncludeReader): boolean {
  return parseBlocks(configText, include).some((b) => b.patterns !== 'match' && b.patterns.some((p) => !/[*?!]/.test(p) && p.toLowerCase() === host.toLowerCase()));
}
