/**
 * The lab's wiring: a lab namespace with two bridges (underlay, eth1 uplink), one namespace per node
 * with eth0/eth1 veths into those bridges, and one host-side veth on the underlay so the nodes'
 * InternalIPs are reachable from the host (like kind's docker bridge). Veths are created directly
 * inside their namespaces, so no temporary name ever appears on the host besides `<prefix>host`.
 */
import { existsSync } from 'node:fs';
import { run, runChecked } from '../../sys/run.js';
import { addNetns, deleteNetns, listNetns, netnsPath } from '../../sys/netns.js';
import { CliError } from '../../cli/errors.js';
import { ExitCode } from '../../cli/exit-codes.js';
import type { LabLayout } from '../layout.js';

const T = { timeoutMs: 15_000 };

async function ipn(ns: string, args: string[]): Promise<void> {
  await runChecked(['ip', '-n', ns, ...args], T);
}

/** Fails with a clear message when the host already routes the underlay subnet (another lab?). */
export async function checkUnderlayFree(layout: LabLayout): Promise<void> {
  const r = await run(['ip', '-j', '-4', 'route', 'show'], T);
  const routes = JSON.parse(r.stdout.trim() || '[]') as Array<{ dst?: string; dev?: string }>;
  const clash = routes.find((route) => route.dst === layout.options.underlay && route.dev !== layout.hostLink);
  if (clash) {
    throw new CliError(`the lab underlay ${layout.options.underlay} is already routed on this host (dev ${clash.dev ?? '?'})`, {
      exit: ExitCode.usage,
      hint: 'another lab may be up: use `multusctl lab down` for it, or choose another subnet with --underlay',
    });
  }
}

export async function createLabNetwork(layout: LabLayout, step: (name: string) => Promise<void>): Promise<void> {
  const lab = layout.labNetns;
  await addNetns(lab);
  for (const br of [layout.underlayBridge, layout.uplinkBridge]) {
    await ipn(lab, ['link', 'add', br, 'type', 'bridge']);
    await ipn(lab, ['link', 'set', br, 'up']);
  }
  await step('lab-namespace');
  for (const node of layout.nodes) {
    await addNetns(node.netnsName);
    for (const [ifname, peer, bridge] of [
      ['eth0', node.labEth0, layout.underlayBridge],
      ['eth1', node.labEth1, layout.uplinkBridge],
    ] as const) {
      await runChecked(['ip', 'link', 'add', 'name', ifname, 'netns', node.netnsName, 'type', 'veth', 'peer', 'name', peer, 'netns', lab], T);
      await ipn(lab, ['link', 'set', peer, 'master', bridge]);
      await ipn(lab, ['link', 'set', peer, 'up']);
      await ipn(node.netnsName, ['link', 'set', ifname, 'up']);
    }
    await ipn(node.netnsName, ['addr', 'add', node.eth0Cidr, 'dev', 'eth0']);
    // Nodes forward between their pod bridge and the underlay, like a real node.
    await runChecked(['nsenter', `--net=${node.netnsPath}`, '--', 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], T);
    await step(`node-${node.index}`);
  }
  // Pod subnets of the other nodes are reached through their InternalIP (kind's routes).
  for (const node of layout.nodes) {
    for (const other of layout.nodes) {
      if (other === node) continue;
      await ipn(node.netnsName, ['route', 'add', other.podCidr, 'via', other.internalIp, 'dev', 'eth0']);
    }
  }
  await runChecked(['ip', 'link', 'add', 'name', layout.hostLink, 'type', 'veth', 'peer', 'name', layout.hostLinkPeer, 'netns', lab], T);
  await ipn(lab, ['link', 'set', layout.hostLinkPeer, 'master', layout.underlayBridge]);
  await ipn(lab, ['link', 'set', layout.hostLinkPeer, 'up']);
  await runChecked(['ip', 'addr', 'add', layout.hostCidr, 'dev', layout.hostLink], T);
  await runChecked(['ip', 'link', 'set', layout.hostLink, 'up'], T);
  await step('host-link');
}

/** Every namespace of this lab: pods first, then nodes, then the lab namespace. */
export function labNamespaces(layout: LabLayout): string[] {
  const all = listNetns(layout.options.prefix);
  const rank = (name: string): number => (name.startsWith(layout.podNetnsPrefix) ? 0 : name === layout.labNetns ? 2 : 1);
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function hostLinkExists(layout: LabLayout): boolean {
  return existsSync(`/sys/class/net/${layout.hostLink}`);
}

/** Removes every namespace and link carrying the lab's prefix; idempotent. */
export async function deleteLabNetwork(layout: LabLayout): Promise<string[]> {
  const removed: string[] = [];
  for (const name of labNamespaces(layout)) {
    await deleteNetns(name);
    removed.push(netnsPath(name));
  }
  if (hostLinkExists(layout)) {
    await run(['ip', 'link', 'del', layout.hostLink], T);
    removed.push(`link ${layout.hostLink}`);
  }
  return removed;
}
