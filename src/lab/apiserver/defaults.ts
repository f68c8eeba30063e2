/**
 * What the API server fills in and checks on create, per kind, as Kubernetes does: pod spec and
 * status defaults, namespace phase and finalizer, name validation (422 Invalid).
 */
import type { ResourceType } from './resources.js';
import { invalid } from './status.js';
import type { KObject } from './store.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kubernetes timestamps: RFC 3339 in UTC with whole seconds. */
export function k8sTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

type Dict = Record<string, unknown>;

function asDict(v: unknown): Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {};
}

export function validateCreate(r: ResourceType, obj: KObject): void {
  const name = obj.metadata.name;
  const label = r.kind === 'Namespace';
  const ok = label ? DNS_LABEL.test(name) && name.length <= 63 : DNS_SUBDOMAIN.test(name) && name.length <= 253;
  if (!ok) {
    const what = label ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character" : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    throw invalid(r, name, [{ field: 'metadata.name', message: `Invalid value: "${name}": ${what}` }]);
  }
  if (r.kind === 'Pod') {
    const containers = asDict(obj.spec).containers;
    if (!Array.isArray(containers) || containers.length === 0) throw invalid(r, name, [{ field: 'spec.containers', message: 'Required value' }]);
    containers.forEach((c, i) => {
      const d = asDict(c);
      if (typeof d.name !== 'string' || d.name === '') throw invalid(r, name, [{ field: `spec.containers[${i}].name`, message: 'Required value' }]);
      if (typeof d.image !== 'string' || d.image === '') throw invalid(r, name, [{ field: `spec.containers[${i}].image`, message: 'Required value' }]);
    });
  }
  if (r.kind === 'NetworkAttachmentDefinition') {
    const spec = obj.spec;
    if (spec !== undefined && (typeof spec !== 'object' || spec === null || ('config' in spec && typeof (spec as Dict).config !== 'string'))) {
      throw invalid(r, name, [{ field: 'spec.config', message: 'Invalid value: must be of type string' }]);
    }
  }
}

function imagePullPolicy(image: string): string {
  const last = image.split('/').pop() ?? image;
  return !last.includes(':') || last.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

export function applyCreateDefaults(r: ResourceType, obj: KObject): void {
  switch (r.kind) {
    case 'Pod': {
      const spec = asDict(obj.spec);
      spec.restartPolicy ??= 'Always';
      spec.dnsPolicy ??= 'ClusterFirst';
      spec.schedulerName ??= 'default-scheduler';
      spec.terminationGracePeriodSeconds ??= 30;
      spec.serviceAccountName ??= 'default';
      spec.enableServiceLinks ??= true;
      spec.securityContext ??= {};
      spec.priority ??= 0;
      for (const c of (spec.containers as Dict[] | undefined) ?? []) {
        c.terminationMessagePath ??= '/dev/termination-log';
        c.terminationMessagePolicy ??= 'File';
        c.imagePullPolicy ??= imagePullPolicy(String(c.image));
        c.resources ??= {};
      }
      obj.spec = spec;
      const status = asDict(obj.status);
      status.phase ??= 'Pending';
      status.qosClass ??= 'BestEffort';
      obj.status = status;
      break;
    }
    case 'Namespace': {
      obj.spec = { finalizers: ['kubernetes'], ...asDict(obj.spec) };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = { ...asDict(obj.metadata.labels), 'kubernetes.io/metadata.name': obj.metadata.name } as Dict;
      break;
    }
    case 'DaemonSet': {
      obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, ...asDict(obj.status) };
      break;
    }
    case 'Event': {
      const now = k8sTime();
      obj.count ??= 1;
      obj.firstTimestamp ??= now;
      obj.lastTimestamp ??= now;
      obj.type ??= 'Normal';
      break;
    }
    default:
      break;
  }
}
