/**
 * The three PATCH flavours of the Kubernetes API: JSON merge patch (RFC 7386), strategic merge patch
 * (merge patch plus merging of the keyed lists kubectl relies on and the `$patch`/`$setElementOrder`
 * directives) and JSON patch (RFC 6902). Pure functions on plain JSON values.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export class PatchError extends Error {}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets an own property, even one named "__proto__" (JSON.parse makes those; `o[k] = v` would not). */
function setOwn(o: JsonObject, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}

/** List fields merged element by element, keyed by the given field (as the Kubernetes types declare). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  conditions: 'type',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  addresses: 'type',
};

function mergeKeyedList(key: string, target: Json[], patch: Json[]): Json[] {
  const result = target.map((item) => clone(item));
  for (const item of patch) {
    if (!isObject(item)) continue;
    const id = item[key];
    const index = result.findIndex((t) => isObject(t) && t[key] === id);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = strategicMergePatch(result[index], item);
    else result.push(strategicMergePatch(undefined, item));
  }
  return result;
}

export function strategicMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return strategicMergePatch(undefined, rest);
  }
  if (patch.$patch === 'delete') return {};
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value)) result[field] = current.filter((v) => !value.includes(v));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const mergeKey = Object.hasOwn(MERGE_KEYS, key) ? MERGE_KEYS[key] : undefined;
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    if (mergeKey && Array.isArray(value) && Array.isArray(current)) setOwn(result, key, mergeKeyedList(mergeKey, current, value));
    else if (Array.isArray(value)) setOwn(result, key, value.filter((v) => !(isObject(v) && v.$patch === 'delete')).map((v) => strategicMergePatch(undefined, v)));
    else setOwn(result, key, strategicMergePatch(current, value));
  }
  return result;
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: Json;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer "${pointer}"`);
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(doc: Json, tokens: string[]): { parent: JsonObject | Json[]; last: string } {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(cur) ? cur[Number(t)] : isObject(cur) && Object.hasOwn(cur, t) ? cur[t] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') throw new PatchError(`path not found: /${tokens.join('/')}`);
    cur = next;
  }
  if (cur === null || typeof cur !== 'object') throw new PatchError(`path not found: /${tokens.join('/')}`);
  return { parent: cur, last: tokens[tokens.length - 1]! };
}

function getAt(doc: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const { parent, last } = parentOf(doc, tokens);
  const v = Array.isArray(parent) ? parent[Number(last)] : Object.hasOwn(parent, last) ? parent[last] : undefined;
  if (v === undefined) throw new PatchError(`path not found: ${pointer}`);
  return v;
}

function removeAt(doc: Json, pointer: string): Json {
  const { parent, last } = parentOf(doc, parsePointer(pointer));
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw new PatchError(`path not found: ${pointer}`);
    return parent.splice(i, 1)[0]!;
  }
  if (!Object.hasOwn(parent, last)) throw new PatchError(`path not found: ${pointer}`);
  const v = parent[last]!;
  delete parent[last];
  return v;
}

function addAt(doc: Json, pointer: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length)) throw new PatchError(`bad array index in ${pointer}`);
    parent.splice(i, replace ? 1 : 0, value);
  } else {
    if (replace && !Object.hasOwn(parent, last)) throw new PatchError(`path not found: ${pointer}`);
    setOwn(parent, last, value);
  }
  return doc;
}

export function jsonPatch(target: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError('a JSON patch must be an array of operations');
  let doc = clone(target);
  for (const raw of ops as JsonPatchOp[]) {
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, clone(raw.value ?? null), false);
        break;
      case 'replace':
        doc = addAt(doc, raw.path, clone(raw.value ?? null), true);
        break;
      case 'remove':
        removeAt(doc, raw.path);
        break;
      case 'move': {
        const v = removeAt(doc, raw.from ?? '');
        doc = addAt(doc, raw.path, v, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, clone(getAt(doc, raw.from ?? '')), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, raw.path)) !== JSON.stringify(raw.value)) throw new PatchError(`test failed at ${raw.path}`);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation "${(raw as { op?: unknown }).op}"`);
    }
  }
  return doc;
}

export const PATCH_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

export function applyPatch(contentType: string, target: Json, patch: unknown): Json {
  const type = contentType.split(';')[0]!.trim();
  if (type === PATCH_TYPES.merge) return mergePatch(target, patch as Json);
  if (type === PATCH_TYPES.strategic) return strategicMergePatch(target, patch as Json);
  if (type === PATCH_TYPES.json) return jsonPatch(target, patch);
  throw new PatchError(`unsupported patch type "${type}"`);
}
