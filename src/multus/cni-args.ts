/**
 * CNI_ARGS: parsing the runtime's (libcni LoadArgs semantics) and building each delegate's
 * (upstream createRuntimeConf + the CNI_ARGS merge in newCNIRuntimeConf + MAC/IP from DelegateAdd).
 */
import { CniCode, MultusError } from './errors.js';

/** The Kubernetes keys the runtime passes in CNI_ARGS. Missing ones are ''. */
export interface K8sArgs {
  namespace: string;
  name: string;
  infraContainerId: string;
  uid: string;
}

const K8S_KEYS = ['IgnoreUnknown', 'K8S_POD_NAMESPACE', 'K8S_POD_NAME', 'K8S_POD_INFRA_CONTAINER_ID', 'K8S_POD_UID'];

function truthy(v: string): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v);
}

/**
 * Parses CNI_ARGS like libcni's LoadArgs into the K8s keys: `k=v` pairs split by `;`; a pair
 * without exactly one `=` is an error; unknown keys are an error unless IgnoreUnknown is true.
 */
export function parseK8sArgs(cniArgs: string | undefined): K8sArgs {
  const out: K8sArgs = { namespace: '', name: '', infraContainerId: '', uid: '' };
  if (!cniArgs) return out;
  const unknown: string[] = [];
  let ignoreUnknown = false;
  for (const pair of cniArgs.split(';')) {
    const kv = pair.split('=');
    if (kv.length !== 2) {
      throw new MultusError(`Multus: error getting k8s args: ARGS: invalid pair "${pair}"`, { kind: 'config', code: CniCode.invalidEnv });
    }
    const [key, value] = kv as [string, string];
    switch (key) {
      case 'IgnoreUnknown':
        ignoreUnknown = truthy(value);
        break;
      case 'K8S_POD_NAMESPACE':
        out.namespace = value;
        break;
      case 'K8S_POD_NAME':
        out.name = value;
        break;
      case 'K8S_POD_INFRA_CONTAINER_ID':
        out.infraContainerId = value;
        break;
      case 'K8S_POD_UID':
        out.uid = value;
        break;
      default:
        unknown.push(pair);
    }
  }
  if (unknown.length > 0 && !ignoreUnknown) {
    throw new MultusError(`Multus: error getting k8s args: ARGS: unknown args [${unknown.map((u) => JSON.stringify(u)).join(' ')}]`, {
      kind: 'config',
      code: CniCode.invalidEnv,
    });
  }
  return out;
}

/** The CNI_ARGS string a runtime would pass for a pod (what `multusctl add --pod` sends). */
export function formatRuntimeCniArgs(k8s: K8sArgs): string {
  return `IgnoreUnknown=1;K8S_POD_NAMESPACE=${k8s.namespace};K8S_POD_NAME=${k8s.name};K8S_POD_INFRA_CONTAINER_ID=${k8s.infraContainerId};K8S_POD_UID=${k8s.uid}`;
}

export type ArgPair = [string, string];

/**
 * A delegate's CNI_ARGS pairs: multus's own five, then the process's CNI_ARGS merged in (a key
 * present with an empty value is filled, anything else appended, so in thin mode the kubelet's
 * pairs appear twice), then MAC / IP for attachments that requested them (ADD only).
 */
export function delegateArgPairs(k8s: K8sArgs, processCniArgs: string | undefined, request: { mac?: string; ips?: string[] } = {}): ArgPair[] {
  const pairs: ArgPair[] = [
    ['IgnoreUnknown', 'true'],
    ['K8S_POD_NAMESPACE', k8s.namespace],
    ['K8S_POD_NAME', k8s.name],
    ['K8S_POD_INFRA_CONTAINER_ID', k8s.infraContainerId],
    ['K8S_POD_UID', k8s.uid],
  ];
  for (const arg of (processCniArgs ?? '').split(';')) {
    if (arg === '') continue;
    const eq = arg.indexOf('=');
    if (eq < 0) continue;
    const key = arg.slice(0, eq);
    const value = arg.slice(eq + 1);
    const empty = pairs.find((p) => p[0] === key && p[1] === '' && value !== '');
    if (empty) empty[1] = value;
    else pairs.push([key, value]);
  }
  if (request.mac) pairs.push(['MAC', request.mac]);
  if (request.ips && request.ips.length > 0) pairs.push(['IP', request.ips.join(',')]);
  return pairs;
}

export function formatArgPairs(pairs: readonly ArgPair[]): string {
  return pairs.map(([k, v]) => `${k}=${v}`).join(';');
}

export { K8S_KEYS };
