/**
 * The kinds the lab API server serves, as data: where each lives (group/version/plural), whether it
 * is namespaced, its subresources, short names and categories. Discovery, routing and the store all
 * read this one table.
 */
import { NAD_GROUP, NAD_KIND, NAD_PLURAL, NAD_VERSION } from '../../constants.js';

export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  subresources: string[];
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: readonly ResourceType[] = [
  { group: '', version: 'v1', plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, subresources: ['status'], shortNames: ['ns'], verbs: VERBS.filter((v) => v !== 'deletecollection') },
  { group: '', version: 'v1', plural: 'nodes', singular: 'node', kind: 'Node', namespaced: false, subresources: ['status'], shortNames: ['no'], verbs: VERBS },
  { group: '', version: 'v1', plural: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, subresources: ['status', 'binding', 'exec', 'log'], shortNames: ['po'], categories: ['all'], verbs: VERBS },
  { group: '', version: 'v1', plural: 'events', singular: 'event', kind: 'Event', namespaced: true, subresources: [], shortNames: ['ev'], verbs: VERBS },
  { group: '', version: 'v1', plural: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, subresources: [], shortNames: ['sa'], verbs: VERBS },
  { group: 'apps', version: 'v1', plural: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', namespaced: true, subresources: ['status'], shortNames: ['ds'], categories: ['all'], verbs: VERBS },
  { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', singular: 'customresourcedefinition', kind: 'CustomResourceDefinition', namespaced: false, subresources: ['status'], shortNames: ['crd', 'crds'], categories: ['api-extensions'], verbs: VERBS },
  { group: NAD_GROUP, version: NAD_VERSION, plural: NAD_PLURAL, singular: 'network-attachment-definition', kind: NAD_KIND, namespaced: true, subresources: [], shortNames: ['net-attach-def'], categories: ['cni'], verbs: VERBS },
];

export function apiVersionOf(r: Pick<ResourceType, 'group' | 'version'>): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function resourceForKind(kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** "pods", "apps/daemonsets": the key objects of a resource type are stored under. */
export function resourceKey(r: Pick<ResourceType, 'group' | 'plural'>): string {
  return r.group === '' ? r.plural : `${r.group}/${r.plural}`;
}

/** The NetworkAttachmentDefinition CRD, served as a real CustomResourceDefinition object. */
export function nadCrd(): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${NAD_PLURAL}.${NAD_GROUP}` },
    spec: {
      group: NAD_GROUP,
      scope: 'Namespaced',
      names: { plural: NAD_PLURAL, singular: 'network-attachment-definition', kind: NAD_KIND, listKind: `${NAD_KIND}List`, shortNames: ['net-attach-def'], categories: ['cni'] },
      versions: [
        {
          name: NAD_VERSION,
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              description: 'NetworkAttachmentDefinition is a CRD schema specified by the Network Plumbing Working Group to express the intent for attaching pods to one or more logical or physical networks.',
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: { type: 'object', properties: { config: { type: 'string' } } },
              },
            },
          },
        },
      ],
    },
    status: {
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
      acceptedNames: { plural: NAD_PLURAL, singular: 'network-attachment-definition', kind: NAD_KIND, listKind: `${NAD_KIND}List`, shortNames: ['net-attach-def'], categories: ['cni'] },
      storedVersions: [NAD_VERSION],
    },
  };
}
