/**
 * A delegate: one CNI config (plugin config or conflist) multus runs for a pod, with what the
 * attachment requested (upstream DelegateNetConf / LoadDelegateNetConf).
 */
import type { Bandwidth, NetworkSelectionElement, PortMapping } from './annotation.js';
import { CniCode, MultusError } from './errors.js';

export type JsonObject = Record<string, unknown>;

export interface Delegate {
  /** network-status name: `<ns>/<nad>` for anything from a NAD, else the config's own name. */
  name: string;
  /** The CNI config as run (cni-args and deviceID already injected). */
  config: JsonObject;
  isConfList: boolean;
  /** The master (cluster network, eth0). */
  master: boolean;
  ifnameRequest?: string;
  macRequest?: string;
  ipRequest?: string[];
  infinibandGuidRequest?: string;
  portMappingsRequest?: PortMapping[];
  bandwidthRequest?: Bandwidth;
  gatewayRequest?: string[];
  filterV4Gateway?: boolean;
  filterV6Gateway?: boolean;
  deviceID?: string;
  resourceName?: string;
  /** Where it came from, for messages and --dry-run: `NAD ns/name`, `file /path`, `delegates[0]`. */
  origin: string;
}

/** The CNI network name of the config (conf or conflist `name`). */
export function networkName(d: Pick<Delegate, 'config'>): string {
  return typeof d.config.name === 'string' ? d.config.name : '';
}

/** The plugin type of a single config, or of the conflist's first plugin. */
export function pluginType(d: Pick<Delegate, 'config' | 'isConfList'>): string {
  if (!d.isConfList) return String(d.config.type ?? '');
  const plugins = d.config.plugins as JsonObject[];
  return String(plugins[0]?.type ?? '');
}

function loadError(message: string): MultusError {
  return new MultusError(message, { kind: 'config', code: CniCode.invalidNetworkConfig });
}

/** Merges cni-args into `args.cni` of one plugin config; the element's values win. */
function injectCniArgs(plugin: JsonObject, cniArgs: JsonObject): JsonObject {
  const args = typeof plugin.args === 'object' && plugin.args !== null ? { ...(plugin.args as JsonObject) } : {};
  const cni = typeof args.cni === 'object' && args.cni !== null ? { ...(args.cni as JsonObject) } : {};
  return { ...plugin, args: { ...args, cni: { ...cni, ...cniArgs } } };
}

function injectDeviceId(plugin: JsonObject, deviceID: string): JsonObject {
  return { ...plugin, deviceID, pciBusID: deviceID };
}

/**
 * Builds a delegate from a CNI config object. `element` is the attachment that asked for it (its
 * requests are copied and its name replaces the delegate's); `deviceID` comes from the NAD's
 * resourceName via the kubelet, when known.
 */
export function loadDelegate(
  config: JsonObject,
  options: { element?: NetworkSelectionElement; deviceID?: string; resourceName?: string; origin: string },
): Delegate {
  const { element, deviceID } = options;
  const isConfList = typeof config.type !== 'string' || config.type === '';
  let conf = config;
  if (isConfList) {
    const plugins = config.plugins;
    if (!Array.isArray(plugins)) {
      throw loadError("LoadDelegateNetConf: failed with: LoadDelegateNetConfList: delegate must have the 'type' or 'plugin' field");
    }
    if (plugins.some((p) => typeof p !== 'object' || p === null || Array.isArray(p))) {
      throw loadError('LoadDelegateNetConf: failed with: LoadDelegateNetConfList: error unmarshalling delegate conflist: a plugin is not an object');
    }
    if (plugins.length === 0 || typeof (plugins[0] as JsonObject).type !== 'string' || (plugins[0] as JsonObject).type === '') {
      throw loadError("LoadDelegateNetConf: failed with: LoadDelegateNetConfList: a plugin delegate must have the 'type' field");
    }
    let list = plugins as JsonObject[];
    if (deviceID) list = list.map((p) => injectDeviceId(p, deviceID));
    if (element?.cniArgs) list = list.map((p) => injectCniArgs(p, element.cniArgs!));
    conf = { ...config, plugins: list };
  } else {
    if (deviceID) conf = injectDeviceId(conf, deviceID);
    if (element?.cniArgs) conf = injectCniArgs(conf, element.cniArgs);
  }
  const delegate: Delegate = {
    name: typeof config.name === 'string' ? config.name : '',
    config: conf,
    isConfList,
    master: false,
    origin: options.origin,
  };
  if (deviceID) {
    delegate.deviceID = deviceID;
    delegate.resourceName = options.resourceName;
  }
  if (element) {
    if (element.name) delegate.name = `${element.namespace}/${element.name}`;
    if (element.interface) delegate.ifnameRequest = element.interface;
    if (element.mac) delegate.macRequest = element.mac;
    if (element.ips) delegate.ipRequest = element.ips;
    if (element.bandwidth) delegate.bandwidthRequest = element.bandwidth;
    if (element.portMappings) delegate.portMappingsRequest = element.portMappings;
    if (element.defaultRoute) delegate.gatewayRequest = element.defaultRoute;
    if (element.infinibandGuid) delegate.infinibandGuidRequest = element.infinibandGuid;
    if (element.deviceID && !deviceID) delegate.deviceID = element.deviceID;
  }
  return delegate;
}

/**
 * The capability args a delegate gets (upstream mergeCNIRuntimeConfig + newCNIRuntimeConf): the
 * multus config's runtimeConfig, overridden for non-master delegates by the attachment's requests.
 * libcni then passes on only those the plugin's `capabilities` declare.
 */
export function capabilityArgsFor(d: Delegate, runtimeConfig: JsonObject): JsonObject {
  const rc: JsonObject = { ...runtimeConfig };
  if (!d.master) {
    if (d.portMappingsRequest) rc.portMappings = d.portMappingsRequest;
    if (d.bandwidthRequest) rc.bandwidth = d.bandwidthRequest;
    if (d.ipRequest) rc.ips = d.ipRequest;
    if (d.macRequest) rc.mac = d.macRequest;
    if (d.infinibandGuidRequest) rc.infinibandGUID = d.infinibandGuidRequest;
    if (d.deviceID) rc.deviceID = d.deviceID;
  }
  const out: JsonObject = {};
  if (Array.isArray(rc.portMappings) && rc.portMappings.length > 0) out.portMappings = rc.portMappings;
  if (rc.bandwidth !== undefined && rc.bandwidth !== null) out.bandwidth = rc.bandwidth;
  if (Array.isArray(rc.ips) && rc.ips.length > 0) out.ips = rc.ips;
  if (typeof rc.mac === 'string' && rc.mac !== '') out.mac = rc.mac;
  if (typeof rc.infinibandGUID === 'string' && rc.infinibandGUID !== '') out.infinibandGUID = rc.infinibandGUID;
  if (typeof rc.deviceID === 'string' && rc.deviceID !== '') out.deviceID = rc.deviceID;
  if (typeof rc.CNIDeviceInfoFile === 'string' && rc.CNIDeviceInfoFile !== '') out.CNIDeviceInfoFile = rc.CNIDeviceInfoFile;
  return out;
}
