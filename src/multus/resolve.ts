/**
 * Delegate resolution for one pod (upstream GetDefaultNetworks + TryLoadPodDelegates): the master
 * from clusterNetwork (NAD, confDir name or path) or inline delegates, replaced by the pod's
 * default-network annotation; defaultNetworks unless the pod is in a system namespace; then every
 * element of the networks annotation. Errors carry upstream's message chain.
 */
import type { V1Pod } from '../k8s/types.js';
import { Annotations } from '../constants.js';
import { parseNetworkAnnotation, type NetworkSelectionElement } from './annotation.js';
import type { MultusApi } from './api.js';
import type { MultusConfig } from './config.js';
import { configFromConfDir, configFromNadSpec, configFromPath } from './confdir.js';
import { loadDelegate, type Delegate } from './delegate.js';
import { planDefaultRoutes } from './default-route.js';
import { CniCode, MultusError, isolationMessage, messageOf, nadNotFoundMessage } from './errors.js';

export interface ResolveInput {
  config: MultusConfig;
  /** undefined: no API client (no kubeconfig): NAD names cannot resolve. */
  api?: MultusApi;
  pod?: V1Pod;
  /** Best-effort event recording on the pod. */
  event?: (type: 'Normal' | 'Warning', reason: string, message: string) => void;
}

export interface Resolution {
  delegates: Delegate[];
  /** Things the user should know that are not errors (e.g. an unread device-plugin resource). */
  warnings: string[];
}

/** Wraps an error's message in upstream's prefix chain, keeping its kind and code. */
function wrap(prefix: string, err: unknown): MultusError {
  if (err instanceof MultusError) return new MultusError(`${prefix}${err.message}`, { kind: err.kind, code: err.code, details: err.details, cause: err });
  return new MultusError(`${prefix}${messageOf(err)}`, { kind: 'api', code: CniCode.multus, cause: err });
}

class Resolver {
  readonly warnings: string[] = [];

  constructor(private readonly input: ResolveInput) {}

  private get config(): MultusConfig {
    return this.input.config;
  }

  /** upstream getKubernetesDelegate: the NAD's config as a delegate for one element. */
  async kubernetesDelegate(element: NetworkSelectionElement, quiet = false): Promise<Delegate> {
    const { api } = this.input;
    let nad;
    let apiError: string | undefined;
    try {
      nad = api ? await api.getNad(element.namespace, element.name) : undefined;
      if (!api) apiError = 'no Kubernetes API client (the multus config has no kubeconfig)';
    } catch (err) {
      apiError = messageOf(err);
    }
    if (!nad) {
      const msg = nadNotFoundMessage(element.name, element.namespace, apiError);
      if (!quiet) this.input.event?.('Warning', 'NoNetworkFound', msg);
      throw new MultusError(`getKubernetesDelegate: ${msg}`, { kind: apiError && api ? 'api' : 'not-found' });
    }
    const resourceName = nad.metadata.annotations?.[Annotations.resourceName];
    if (resourceName) {
      this.warnings.push(
        `NAD ${element.namespace}/${element.name} asks for device-plugin resource ${resourceName}: multusctl does not read the kubelet's device checkpoint, so no deviceID is passed`,
      );
    }
    const specConfig = nad.spec?.config ?? '';
    let config;
    let origin = `NAD ${element.namespace}/${element.name}`;
    if (specConfig === '') {
      try {
        const found = await configFromConfDir(element.name, this.config.confDir);
        config = found.config;
        origin += ` (empty spec: ${found.path})`;
      } catch (err) {
        throw wrap('GetCNIConfig: err in GetCNIConfigFromFile: ', err);
      }
    } else {
      config = configFromNadSpec(specConfig, element.name);
    }
    return loadDelegate(config, { element, origin });
  }

  /** upstream getNetDelegate: clusterNetwork / defaultNetworks entries. */
  async netDelegate(netName: string): Promise<Delegate> {
    if (netName.includes('/')) {
      const { config, path } = await configFromPath(netName);
      return loadDelegate(config, { origin: `file ${path}` });
    }
    if (this.input.api) {
      try {
        // quiet: upstream records NoNetworkFound here even when the confDir fallback then succeeds.
        return await this.kubernetesDelegate({ name: netName, namespace: this.config.multusNamespace }, true);
      } catch {
        // fall through to confDir, like upstream (which also ignores the NAD error here)
      }
    }
    try {
      const { config, path } = await configFromConfDir(netName, this.config.confDir);
      return loadDelegate(config, { origin: `file ${path}` });
    } catch {
      throw new MultusError(`getNetDelegate: cannot find network: ${netName}`, { kind: 'not-found', code: CniCode.invalidNetworkConfig });
    }
  }

  async defaultNetworks(): Promise<Delegate[]> {
    const { config, pod } = this.input;
    const name = config.clusterNetwork!;
    let master: Delegate;
    try {
      master = await this.netDelegate(name);
    } catch (err) {
      const e = new MultusError(`GetDefaultNetworks: failed to get clusterNetwork ${name} in namespace ${config.multusNamespace}`, {
        kind: err instanceof MultusError ? err.kind : 'not-found',
        code: CniCode.invalidNetworkConfig,
        details: messageOf(err),
      });
      throw e;
    }
    master.master = true;
    const out = [master];
    const podNamespace = pod?.metadata?.namespace;
    if (pod && podNamespace !== undefined && !config.systemNamespaces.includes(podNamespace)) {
      for (const net of config.defaultNetworks) out.push(await this.netDelegate(net));
    }
    return out;
  }

  async podDefaultNetwork(pod: V1Pod): Promise<Delegate | undefined> {
    const annot = pod.metadata?.annotations?.[Annotations.defaultNetwork];
    if (annot === undefined) return undefined;
    const prefix = 'TryLoadPodDelegates: error in loading K8s cluster default network from pod annotation: tryLoadK8sPodDefaultNetwork: ';
    let elements: NetworkSelectionElement[];
    try {
      elements = parseNetworkAnnotation(annot, this.config.multusNamespace);
    } catch (err) {
      throw wrap(`${prefix}failed to parse CRD object: `, err);
    }
    if (elements.length > 1) {
      throw new MultusError(`${prefix}more than one default network is specified: ${annot}`, { kind: 'config', code: CniCode.invalidNetworkConfig });
    }
    let d: Delegate;
    try {
      d = await this.kubernetesDelegate(elements[0]!);
    } catch (err) {
      throw wrap(`${prefix}failed getting the delegate: `, err);
    }
    d.master = true;
    return d;
  }

  async podNetworks(pod: V1Pod): Promise<Delegate[]> {
    const annot = pod.metadata?.annotations?.[Annotations.networks];
    if (!annot) return [];
    const podNamespace = pod.metadata?.namespace ?? '';
    const elements = parseNetworkAnnotation(annot, podNamespace);
    const out: Delegate[] = [];
    for (const element of elements) {
      if (this.config.namespaceIsolation && element.namespace !== podNamespace && !this.config.globalNamespaces.includes(element.namespace)) {
        throw new MultusError(`TryLoadPodDelegates: error in getting k8s network for pod: ${isolationMessage(podNamespace, element.namespace)}`, {
          kind: 'config',
          code: CniCode.invalidNetworkConfig,
        });
      }
      try {
        out.push(await this.kubernetesDelegate(element));
      } catch (err) {
        throw wrap('TryLoadPodDelegates: error in getting k8s network for pod: GetNetworkDelegates: failed getting the delegate: ', err);
      }
    }
    return out;
  }
}

/**
 * Resolves the pod's delegates. Errors are MultusError with upstream's text after the
 * `Multus: [ns/pod/uid]: ` prefix (the caller adds it).
 */
export async function resolveDelegates(input: ResolveInput): Promise<Resolution> {
  const r = new Resolver(input);
  const { config, pod } = input;
  let delegates: Delegate[];
  if (config.clusterNetwork !== undefined) {
    try {
      delegates = await r.defaultNetworks();
    } catch (err) {
      throw wrap('failed to get clusterNetwork/defaultNetworks: ', err);
    }
  } else {
    delegates = config.delegates.map((raw, i) => {
      try {
        return loadDelegate(raw, { origin: `delegates[${i}]` });
      } catch (err) {
        throw wrap(`error loading netconf: LoadNetConf: failed to load delegate ${i} config: `, err);
      }
    });
    delegates[0]!.master = true;
  }
  if (pod && input.api) {
    try {
      const replacement = await r.podDefaultNetwork(pod);
      if (replacement) delegates[0] = replacement;
      delegates.push(...(await r.podNetworks(pod)));
      planDefaultRoutes(delegates);
    } catch (err) {
      throw wrap('error loading k8s delegates k8s args: ', err);
    }
  }
  return { delegates, warnings: r.warnings };
}
