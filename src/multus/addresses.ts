/**
 * Address syntax checks with Go's net package semantics (ParseIP, ParseCIDR, ParseMAC), because
 * multus validates annotation values with those and users expect the same accept/reject.
 */
import { isIP } from 'node:net';

/** 4 or 6 for an IP address Go's net.ParseIP accepts, else 0 (zones such as %eth0 are rejected). */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (text.includes('%')) return 0;
  const v = isIP(text);
  return v === 4 || v === 6 ? v : 0;
}

/** True for "addr/prefix" that Go's net.ParseCIDR accepts. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const version = ipVersion(text.slice(0, slash));
  const prefix = text.slice(slash + 1);
  if (version === 0 || !/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * True for a hardware address Go's net.ParseMAC accepts: 6, 8 or 20 octets written as
 * xx:xx:..., xx-xx-... or xxxx.xxxx.xxxx.
 */
export function isMac(text: string): boolean {
  const octets = [6, 8, 20];
  if (/^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2})+$/.test(text)) {
    const sep = text[2];
    if (!text.split(sep!).every((p) => p.length === 2)) return false;
    return octets.includes(text.split(sep!).length);
  }
  if (/^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4})+$/.test(text)) {
    return octets.includes(text.split('.').length * 2);
  }
  return false;
}
