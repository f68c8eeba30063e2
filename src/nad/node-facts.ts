/** Node facts for NAD011 through the NodeHelper port: binaries in binDir and interface names. */
import type { NodeHelper } from '../node/helper.js';
import type { NodeFacts } from './facts.js';

/** Interface names from `ip -j link show`; undefined when the output is not that JSON. */
export function interfaceNames(ipJson: string): string[] | undefined {
  try {
    const links = JSON.parse(ipJson) as unknown;
    if (!Array.isArray(links)) return undefined;
    return links.map((l) => (l as { ifname?: unknown }).ifname).filter((n): n is string => typeof n === 'string');
  } catch {
    return undefined;
  }
}

export async function gatherNodeFacts(helper: NodeHelper, binDir: string): Promise<{ facts: NodeFacts; notes: string[] }> {
  const notes: string[] = [];
  const binaries = await helper.listDir(binDir);
  if (binaries === undefined) notes.push(`${binDir} does not exist on node ${helper.nodeName}: plugin binaries were not checked`);
  const links = await helper.runOnNode(['ip', '-j', 'link', 'show']);
  const interfaces = links.exitCode === 0 ? interfaceNames(links.stdout) : undefined;
  if (interfaces === undefined) notes.push(`could not list interfaces on node ${helper.nodeName}: ${links.stderr.trim() || 'ip -j link show failed'}`);
  return { facts: { node: helper.nodeName, binDir, binaries, interfaces }, notes };
}
