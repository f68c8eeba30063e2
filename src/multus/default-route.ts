/**
 * The `default-route` key of attachments (upstream CheckGatewayConfig and the route handling after
 * each delegate's ADD): at most one IPv4 and one IPv6 gateway over all attachments; every delegate
 * is flagged to lose its default routes except in a family it requested itself.
 */
import { ipVersion } from './addresses.js';
import { ECMP_MESSAGE, MultusError, CniCode } from './errors.js';

export interface GatewayDelegate {
  gatewayRequest?: string[];
  filterV4Gateway?: boolean;
  filterV6Gateway?: boolean;
}

/** Applies the gateway flags when any delegate has a `default-route` key; throws on ECMP. */
export function planDefaultRoutes(delegates: GatewayDelegate[]): void {
  if (!delegates.some((d) => d.gatewayRequest !== undefined)) return;
  let v4 = 0;
  let v6 = 0;
  for (const d of delegates) {
    for (const gw of d.gatewayRequest ?? []) {
      if (ipVersion(gw) === 4) v4 += 1;
      else v6 += 1;
    }
  }
  if (v4 > 1 || v6 > 1) throw new MultusError(ECMP_MESSAGE, { kind: 'config', code: CniCode.invalidNetworkConfig });
  for (const d of delegates) {
    d.filterV4Gateway = true;
    d.filterV6Gateway = true;
    for (const gw of d.gatewayRequest ?? []) {
      if (ipVersion(gw) === 4) d.filterV4Gateway = false;
      else d.filterV6Gateway = false;
    }
  }
}

/** What to do to one attachment's routes after its ADD. */
export interface RouteAction {
  /** Delete every default route (both families) on the interface. */
  deleteDefaults: boolean;
  /** Which families to strip from the cached result. */
  stripV4: boolean;
  stripV6: boolean;
  /** Gateways to add as default routes on the interface. */
  addGateways: string[];
}

export function routeActionFor(d: GatewayDelegate): RouteAction {
  const requested = d.gatewayRequest !== undefined && d.gatewayRequest.length > 0;
  const stripV4 = Boolean(d.filterV4Gateway) || requested;
  const stripV6 = Boolean(d.filterV6Gateway) || requested;
  return { deleteDefaults: stripV4 || stripV6, stripV4, stripV6, addGateways: requested ? [...d.gatewayRequest!] : [] };
}

/**
 * What multus does itself inside the pod's netns (routes, the interface-exists check), as a port so
 * the lab can run it inside its node namespaces.
 */
export interface PodNetnsOps {
  /** True when `ifName` already exists in the namespace; throws when the namespace is missing. */
  interfaceExists(netns: string, ifName: string): Promise<boolean>;
  /** Every interface name in the namespace (one look instead of one per delegate), when supported. */
  listInterfaces?(netns: string): Promise<string[]>;
  /** Deletes every default route (IPv4 and IPv6) whose device is `ifName`. */
  deleteDefaultRoutes(netns: string, ifName: string): Promise<void>;
  /** Adds a default route via `gateway` on `ifName`; an existing identical route is fine. */
  addDefaultRoute(netns: string, ifName: string, gateway: string): Promise<void>;
}

/** Removes default routes of the given families from a CNI result object (the cached copy). */
export function stripDefaultRoutes(result: Record<string, unknown>, v4: boolean, v6: boolean): Record<string, unknown> {
  const isDefault = (dst: unknown): boolean => (v4 && dst === '0.0.0.0/0') || (v6 && (dst === '::/0' || dst === '::0/0'));
  const filter = (routes: unknown): unknown[] | undefined => {
    if (!Array.isArray(routes)) return undefined;
    return routes.filter((r) => !(typeof r === 'object' && r !== null && isDefault((r as { dst?: unknown }).dst)));
  };
  const out: Record<string, unknown> = { ...result };
  if (Array.isArray(out.routes)) {
    const kept = filter(out.routes)!;
    if (kept.length === 0) delete out.routes;
    else out.routes = kept;
  }
  for (const key of ['ip4', 'ip6'] as const) {
    const block = out[key];
    if (typeof block === 'object' && block !== null && Array.isArray((block as { routes?: unknown }).routes)) {
      out[key] = { ...(block as object), routes: filter((block as { routes: unknown }).routes) };
    }
  }
  return out;
}
