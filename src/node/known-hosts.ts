/**
 * known_hosts (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): plain and hashed (`|1|salt|hash`) host
 * patterns, `[host]:port` for ports other than 22, `@revoked` markers. A host key is `known`,
 * `unknown` (no line for the host), `changed` (a line for the host with another key) or `revoked`.
 */
import { createHash, createHmac } from 'node:crypto';
import { hostMatches } from './ssh-config.js';

export interface KnownHost {
  marker?: string;
  hosts: string;
  keyType: string;
  key: string;
}

export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

export function parseKnownHosts(text: string): KnownHost[] {
  return text.split(/\r?\n/).flatMap((raw): KnownHost[] => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return [];
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith('@') ? fields.shift() : undefined;
    if (fields.length < 3) return [];
    return [{ ...(marker ? { marker } : {}), hosts: fields[0]!, keyType: fields[1]!, key: fields[2]! }];
  });
}

/** How known_hosts names a host: `host`, or `[host]:port` when the port is not 22. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function entryMatches(entry: KnownHost, token: string): boolean {
  if (entry.hosts.startsWith('|1|')) {
    const [, , salt, hash] = entry.hosts.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest('base64') === hash;
  }
  return hostMatches(entry.hosts.split(','), token);
}

export function verifyHostKey(entries: readonly KnownHost[], token: string, keyType: string, key: string): HostKeyVerdict {
  const mine = entries.filter((e) => entryMatches(e, token));
  if (entries.some((e) => e.marker === '@revoked' && e.key === key)) return 'revoked';
  if (mine.some((e) => !e.marker && e.keyType === keyType && e.key === key)) return 'known';
  return mine.some((e) => !e.marker) ? 'changed' : 'unknown';
}

/** The line `--ssh-accept-new` appends. */
export function knownHostLine(token: string, keyType: string, key: string): string {
  return `${token} ${keyType} ${key}\n`;
}

/** The key type from an SSH wire-format public key (its first string). */
export function keyTypeOf(raw: Buffer): string {
  if (raw.length < 4) return 'unknown';
  const len = raw.readUInt32BE(0);
  return raw.subarray(4, 4 + len).toString('latin1');
}

/** OpenSSH's fingerprint form, SHA256:base64-without-padding. */
export function fingerprint(raw: Buffer): string {
  return `SHA256:${createHash('sha256').update(raw).digest('base64').replace(/=+$/, '')}`;
}
