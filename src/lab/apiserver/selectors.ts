/**
 * Kubernetes label and field selectors, parsed once and matched against objects.
 * Labels: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a` (exists), `!a` (does not exist),
 * comma-separated requirements all of which must hold. Fields: `path=value`, `path==value`,
 * `path!=value` for the field paths Kubernetes supports (metadata.name, spec.nodeName, …).
 */

export type LabelRequirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export class SelectorError extends Error {}

/** Splits at commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

const KEY = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^(([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?)$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorError(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value)) throw new SelectorError(`invalid label value "${value}"`);
  return value;
}

export function parseLabelSelector(text: string | undefined): LabelRequirement[] {
  if (!text) return [];
  return splitTop(text).map((part): LabelRequirement => {
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (set) {
      const values = set[3]!.split(',').map((v) => checkValue(v.trim()));
      return { key: checkKey(set[1]!), op: set[2] as 'in' | 'notin', values };
    }
    const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (cmp) return { key: checkKey(cmp[1]!), op: cmp[2] === '!=' ? 'neq' : 'eq', value: checkValue(cmp[3]!) };
    if (part.startsWith('!')) return { key: checkKey(part.slice(1).trim()), op: 'notexists' };
    return { key: checkKey(part), op: 'exists' };
  });
}

export function matchLabels(reqs: readonly LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && v === r.value;
      case 'neq':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}

export interface FieldRequirement {
  path: string;
  op: 'eq' | 'neq';
  value: string;
}

export function parseFieldSelector(text: string | undefined): FieldRequirement[] {
  if (!text) return [];
  return splitTop(text).map((part) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw new SelectorError(`invalid field selector "${part}"`);
    return { path: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', value: m[3]!.trim() };
  });
}

/** The field paths each kind supports, as in Kubernetes (unknown paths are a 400). */
const FIELDS: Record<string, readonly string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Namespace: ['status.phase'],
  Node: ['spec.unschedulable'],
};

export function checkFieldPaths(kind: string, reqs: readonly FieldRequirement[]): void {
  for (const r of reqs) {
    if (r.path === 'metadata.name' || r.path === 'metadata.namespace') continue;
    if (!(FIELDS[kind] ?? []).includes(r.path)) throw new SelectorError(`field label not supported: ${r.path}`);
  }
}

function fieldValue(obj: unknown, path: string): string {
  if (path === 'source') path = 'source.component';
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return path === 'spec.hostNetwork' || path === 'spec.unschedulable' ? 'false' : '';
  return String(cur);
}

export function matchFields(reqs: readonly FieldRequirement[], obj: unknown): boolean {
  return reqs.every((r) => (fieldValue(obj, r.path) === r.value) === (r.op === 'eq'));
}
