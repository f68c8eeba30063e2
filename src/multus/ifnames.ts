/**
 * Interface names of a pod's attachments (upstream getIfname): the master gets CNI_IFNAME, an
 * attachment its requested interface, anything else `net<i>` with i its position in the whole
 * delegate list. Also the duplicate precheck multusctl adds before any plugin runs.
 */
import { interfaceNameProblem } from './annotation.js';

export interface NamedDelegate {
  master: boolean;
  ifnameRequest?: string;
  name: string;
}

export function interfaceName(delegate: NamedDelegate, runtimeIfName: string, index: number): string {
  if (delegate.ifnameRequest) return delegate.ifnameRequest;
  if (delegate.master) return runtimeIfName;
  return `net${index}`;
}

export function interfaceNames(delegates: readonly NamedDelegate[], runtimeIfName: string): string[] {
  return delegates.map((d, i) => interfaceName(d, runtimeIfName, i));
}

/** Problems with the planned names: duplicates and unusable names, each naming the attachments. */
export function interfaceNameProblems(delegates: readonly NamedDelegate[], runtimeIfName: string): string[] {
  const names = interfaceNames(delegates, runtimeIfName);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const why = interfaceNameProblem(name);
    if (why) problems.push(`interface name "${name}" of ${delegates[i]!.name || `delegate ${i}`} ${why}`);
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else problems.push(`interface name "${name}" is used by both ${delegates[first]!.name || `delegate ${first}`} and ${delegates[i]!.name || `delegate ${i}`}`);
  });
  return problems;
}
