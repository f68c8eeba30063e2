/**
 * Discovery documents: /version, /api, /api/v1, /apis, /apis/GROUP, /apis/GROUP/VERSION, in the
 * legacy (unaggregated) form, which kubectl falls back to when the server does not answer the
 * aggregated media type. Only groups currently served appear (the NAD group while its CRD exists).
 */
import { RESOURCES, type ResourceType } from './resources.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-multusctl-lab',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groups(served: (r: ResourceType) => boolean): Array<{ name: string; version: string }> {
  const seen = new Map<string, string>();
  for (const r of RESOURCES) if (r.group !== '' && served(r)) seen.set(r.group, r.version);
  return [...seen].map(([name, version]) => ({ name, version }));
}

function groupObject(g: { name: string; version: string }): Record<string, unknown> {
  const gv = { groupVersion: `${g.name}/${g.version}`, version: g.version };
  return { name: g.name, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(served: (r: ResourceType) => boolean): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups(served).map(groupObject) };
}

export function apiGroup(name: string, served: (r: ResourceType) => boolean): Record<string, unknown> | undefined {
  const g = groups(served).find((x) => x.name === name);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupObject(g) } : undefined;
}

export function apiResourceList(group: string, version: string, served: (r: ResourceType) => boolean): Record<string, unknown> | undefined {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version && served(r));
  if (rs.length === 0) return undefined;
  const resources = rs.flatMap((r) => [
    {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    },
    ...r.subresources.map((sub) => ({
      name: `${r.plural}/${sub}`,
      singularName: '',
      namespaced: r.namespaced,
      kind: sub === 'binding' ? 'Binding' : sub === 'exec' ? 'PodExecOptions' : sub === 'log' ? 'Pod' : r.kind,
      verbs: sub === 'status' ? ['get', 'patch', 'update'] : sub === 'binding' ? ['create'] : sub === 'log' ? ['get'] : ['create', 'get'],
    })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
}
