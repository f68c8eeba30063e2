/** `pod attach` flags → attachment requests. Per-attachment options go to the first --network. Pure. */
import { usageError } from '../cli/errors.js';
import { parseNetworkFlag, type AttachmentRequest } from './test-pod.js';

export interface FirstNetworkOptions {
  ips?: string[];
  mac?: string;
  defaultRoute?: string[];
  /** JSON text of an object. */
  cniArgs?: string;
}

export function attachmentRequests(networks: readonly string[], first: FirstNetworkOptions): AttachmentRequest[] {
  if (networks.length === 0) throw usageError('give at least one --network NAD[@ifname]', 'e.g. --network macvlan-conf@net1');
  const requests = networks.map((n) => {
    const r = parseNetworkFlag(n);
    if (r.nad === '' || r.interface === '') throw usageError(`--network "${n}" must be [namespace/]name[@ifname]`, 'e.g. --network macvlan-conf or --network other-ns/macvlan-conf@net1');
    return r;
  });
  let cniArgs: Record<string, unknown> | undefined;
  if (first.cniArgs !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(first.cniArgs);
    } catch (err) {
      throw usageError(`--cni-args is not valid JSON: ${(err as Error).message}`, `give an object, e.g. --cni-args '{"foo":"bar"}'`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw usageError('--cni-args must be a JSON object', `e.g. --cni-args '{"foo":"bar"}'`);
    cniArgs = parsed as Record<string, unknown>;
  }
  const head = requests[0]!;
  if (first.ips !== undefined && first.ips.length > 0) head.ips = [...first.ips];
  if (first.mac !== undefined) head.mac = first.mac;
  if (first.defaultRoute !== undefined && first.defaultRoute.length > 0) head.defaultRoute = [...first.defaultRoute];
  if (cniArgs !== undefined) head.cniArgs = cniArgs;
  return requests;
}
