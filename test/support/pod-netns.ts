/**
 * A pod-like network namespace for node-helper tests: eth0 (veth to a peer namespace), net1
 * (macvlan on eth0), addresses, a default route, a source rule and table, all inside namespaces of
 * the fixture's prefix. Addresses are documentation/private ranges that exist only in these
 * namespaces.
 */
import { runChecked } from '../../src/sys/run.js';
import type { NetnsFixture } from './netns.js';

export interface PodNetns {
  name: string;
  path: string;
  peer: string;
}

export async function ip(ns: string, ...args: string[]): Promise<string> {
  return (await runChecked(['ip', '-n', ns, ...args])).stdout;
}

export async function makePodNetns(fx: NetnsFixture, suffix: string, opts: { eth0Ip?: string; net1Ip?: string; gateway?: string } = {}): Promise<PodNetns> {
  const pod = await fx.add(suffix);
  const peer = await fx.add(`${suffix}p`);
  await ip(pod.name, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'peer0');
  await ip(pod.name, 'link', 'set', 'peer0', 'netns', peer.name);
  await ip(peer.name, 'link', 'set', 'peer0', 'up');
  // No IPv6 link-local autoconfiguration: addresses and routes appear only when the test adds them,
  // so two reads of the same namespace are identical.
  await ip(pod.name, 'link', 'set', 'eth0', 'addrgenmode', 'none');
  await ip(pod.name, 'addr', 'add', opts.eth0Ip ?? '10.244.1.5/24', 'dev', 'eth0');
  await ip(pod.name, 'link', 'set', 'eth0', 'up');
  await ip(pod.name, 'link', 'add', 'net1', 'link', 'eth0', 'type', 'macvlan', 'mode', 'bridge');
  await ip(pod.name, 'link', 'set', 'net1', 'addrgenmode', 'none');
  await ip(pod.name, 'addr', 'add', opts.net1Ip ?? '192.168.50.10/24', 'dev', 'net1');
  await ip(pod.name, 'link', 'set', 'net1', 'up');
  await ip(pod.name, 'route', 'add', 'default', 'via', opts.gateway ?? '10.244.1.1');
  return { name: pod.name, path: pod.path, peer: peer.name };
}
