/**
 * An in-memory MultusApi for engine tests: pods and NADs in maps, events and status writes
 * recorded, a request counter, and switches to make the API fail (as if the server went away).
 */
import type { MultusApi, MultusEvent } from '../../src/multus/api.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../../src/k8s/types.js';
import { Annotations, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';

export class MemoryMultusApi implements MultusApi {
  readonly pods = new Map<string, V1Pod>();
  readonly nads = new Map<string, NetworkAttachmentDefinition>();
  readonly events: Array<{ pod: string } & MultusEvent> = [];
  readonly requests: string[] = [];
  /** When set, every call rejects with this error (API server gone). */
  down?: Error;

  addPod(namespace: string, name: string, annotations: Record<string, string> = {}, uid = `uid-${name}`): V1Pod {
    const pod: V1Pod = { metadata: { namespace, name, uid, annotations: { ...annotations } } };
    this.pods.set(`${namespace}/${name}`, pod);
    return pod;
  }

  addNad(namespace: string, name: string, config: string | object | undefined, annotations: Record<string, string> = {}): void {
    this.nads.set(`${namespace}/${name}`, {
      apiVersion: NAD_API_VERSION,
      kind: NAD_KIND,
      metadata: { namespace, name, annotations },
      spec: config === undefined ? {} : { config: typeof config === 'string' ? config : JSON.stringify(config) },
    });
  }

  networkStatus(namespace: string, name: string): string | undefined {
    return this.pods.get(`${namespace}/${name}`)?.metadata?.annotations?.[Annotations.networkStatus];
  }

  private check(what: string): void {
    this.requests.push(what);
    if (this.down) throw this.down;
  }

  async getPod(namespace: string, name: string): Promise<V1Pod | undefined> {
    this.check(`GET pod ${namespace}/${name}`);
    const pod = this.pods.get(`${namespace}/${name}`);
    return pod ? structuredClone(pod) : undefined;
  }

  async getNad(namespace: string, name: string): Promise<NetworkAttachmentDefinition | undefined> {
    this.check(`GET nad ${namespace}/${name}`);
    const nad = this.nads.get(`${namespace}/${name}`);
    return nad ? structuredClone(nad) : undefined;
  }

  async updateNetworkStatus(namespace: string, name: string, value: string): Promise<void> {
    this.check(`PUT pod/status ${namespace}/${name}`);
    const pod = this.pods.get(`${namespace}/${name}`);
    if (!pod) throw new Error(`pods "${name}" not found`);
    pod.metadata!.annotations = { ...(pod.metadata!.annotations ?? {}), [Annotations.networkStatus]: value };
  }

  async recordEvent(pod: V1Pod, event: MultusEvent): Promise<void> {
    this.check(`POST event ${event.reason}`);
    this.events.push({ pod: `${pod.metadata?.namespace}/${pod.metadata?.name}`, ...event });
  }
}
