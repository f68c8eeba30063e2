/**
 * What both front ends share: parsed values → NAD documents (Lists, bare configs, wrong kinds as
 * problems), with lazy source positions for spec.config and a few metadata fields.
 */
import type { Node } from 'jsonc-parser';
import { isScalar } from 'yaml';
import { NAD_API_VERSION, NAD_KIND } from '../constants.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import { isObject } from './config.js';
import { lineIndex } from './positions.js';
import { mapJsonString, mapYamlFlowScalar, mapYamlLiteralBlock, type OffsetMap } from './source-map.js';
import type { InputProblem, JsonObject, NadDocument, NadSource } from './types.js';

/** Fields outside spec.config that findings point at. */
const FIELDS = new Set(['metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.config', 'spec', 'kind', 'metadata']);

export type Locator = (path: ReadonlyArray<string | number>) => { node: unknown; yaml?: true } | undefined;

/** A name for a bare config: its network name made DNS-safe, or "cni-config". */
export function bareName(config: JsonObject): string {
  const raw = typeof config.name === 'string' ? config.name : '';
  const safe = raw.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 253);
  return safe === '' ? 'cni-config' : safe;
}

export function isBareConfig(value: JsonObject): boolean {
  return value.kind === undefined && value.apiVersion === undefined && (value.type !== undefined || value.plugins !== undefined);
}

function kindOf(value: JsonObject): string {
  return typeof value.kind === 'string' ? value.kind : 'object without a kind';
}

export function wrapBareConfig(config: JsonObject, configText: string, name = bareName(config)): NetworkAttachmentDefinition {
  return { apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { name }, spec: { config: configText } };
}

/** Builds the NAD object from a parsed document, normalising only what must be normalised. */
function toNad(value: JsonObject): { nad: NetworkAttachmentDefinition; configNotString?: unknown } {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const spec = isObject(value.spec) ? value.spec : undefined;
  const config = spec?.config;
  const nad = { ...value, metadata: { ...metadata, name } } as unknown as NetworkAttachmentDefinition;
  if (config === undefined || typeof config === 'string') return { nad };
  const { config: _dropped, ...restSpec } = spec!;
  return { nad: { ...nad, spec: restSpec }, configNotString: config };
}

export class Collector {
  readonly documents: NadDocument[] = [];
  readonly problems: InputProblem[] = [];
  private count = 0;
  constructor(readonly text: string, readonly file: string | undefined) {}

  problem(message: string, offset?: number, hint?: string): void {
    const pos = offset === undefined ? undefined : lineIndex(this.text)(offset);
    this.problems.push({ file: this.file, message, line: pos?.line, column: pos?.column, hint });
  }

  /** Adds one document (recursing into List items). */
  add(value: unknown, prefix: Array<string | number>, locate: Locator, offsetOf: (p: Array<string | number>) => number | undefined): void {
    const where = `document ${this.count + 1}`;
    if (!isObject(value)) {
      this.problem(`${where} is not a mapping (got ${Array.isArray(value) ? 'a list' : typeof value})`, offsetOf(prefix), 'give a NetworkAttachmentDefinition, a List of them, or a CNI config object');
      this.count += 1;
      return;
    }
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => this.add(item, [...prefix, 'items', i], locate, offsetOf));
      return;
    }
    const index = this.count;
    this.count += 1;
    if (isBareConfig(value)) {
      const configText = JSON.stringify(value, null, 2);
      this.documents.push({ nad: wrapBareConfig(value, configText), source: { file: this.file, index, bare: true } });
      return;
    }
    if (value.kind !== NAD_KIND) {
      this.problem(`${where} is a ${kindOf(value)}, not a NetworkAttachmentDefinition`, offsetOf(prefix), 'give a NetworkAttachmentDefinition (k8s.cni.cncf.io/v1), a List of them, or a bare CNI config');
      return;
    }
    if (value.apiVersion !== NAD_API_VERSION) {
      this.problem(`${where} has apiVersion ${JSON.stringify(value.apiVersion ?? null)}, expected ${NAD_API_VERSION}`, offsetOf(prefix));
      return;
    }
    const { nad, configNotString } = toNad(value);
    const fieldOffset = (field: string): number | undefined => (FIELDS.has(field) ? offsetOf([...prefix, ...field.split('.')]) : undefined);
    const source: NadSource = { file: this.file, index, text: this.text, fieldOffset };
    const config = nad.spec?.config;
    if (typeof config === 'string') {
      let map: OffsetMap | undefined | null = null;
      source.configToFile = (configOffset: number): number | undefined => {
        if (map === null) {
          const located = locate([...prefix, 'spec', 'config']);
          map = located === undefined ? undefined : buildMap(this.text, located, config);
        }
        return map?.[Math.max(0, Math.min(configOffset, config.length))];
      };
    }
    this.documents.push({ nad, source, configNotString });
  }
}

function buildMap(text: string, located: { node: unknown; yaml?: true }, value: string): OffsetMap | undefined {
  if (!located.yaml) {
    const node = located.node as Node;
    if (node.type !== 'string') return undefined;
    return mapJsonString(text.slice(node.offset + 1, node.offset + node.length - 1), node.offset + 1, value);
  }
  const node = located.node;
  if (!isScalar(node) || node.range === undefined || node.range === null) return undefined;
  const [start, end] = node.range;
  switch (node.type) {
    case 'QUOTE_SINGLE':
      return mapYamlFlowScalar(text.slice(start + 1, end - 1), start + 1, value, 'single');
    case 'QUOTE_DOUBLE':
      return mapYamlFlowScalar(text.slice(start + 1, end - 1), start + 1, value, 'double');
    case 'PLAIN':
      return mapYamlFlowScalar(text.slice(start, end), start, value, 'plain');
    case 'BLOCK_LITERAL': {
      const body = text.indexOf('\n', start) + 1;
      return body > 0 ? mapYamlLiteralBlock(text.slice(body, end), body, value) : undefined;
    }
    default:
      return undefined;
  }
}
