/** Prefix arithmetic for the inspect/debug analyses (ip-address underneath). */
import { Address4, Address6 } from 'ip-address';

type Addr = Address4 | Address6;

/** A parsed "addr[/prefix]", or undefined when it is not one. */
export function parsePrefix(text: string): Addr | undefined {
  try {
    if (text.includes(':')) return Address6.isValid(text) ? new Address6(text) : undefined;
    return Address4.isValid(text) ? new Address4(text) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `ip` (an address, maybe with /prefix) lies inside `cidr`. */
export function cidrContains(cidr: string, ip: string): boolean {
  const net = parsePrefix(cidr);
  const addr = parsePrefix(ip.split('/')[0]!);
  if (!net || !addr || net.v4 !== addr.v4) return false;
  return addr.isInSubnet(net);
}

/** True when two prefixes share any address (for prefixes: one contains the other). */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parsePrefix(a);
  const y = parsePrefix(b);
  if (!x || !y || x.v4 !== y.v4) return false;
  return x.isInSubnet(y) || y.isInSubnet(x);
}

/** The network prefix of an interface address, e.g. 192.168.50.10/24 → 192.168.50.0/24. */
export function networkOf(cidr: string): string {
  const p = parsePrefix(cidr);
  if (!p) return cidr;
  return `${p.startAddress().correctForm()}/${p.subnetMask}`;
}
