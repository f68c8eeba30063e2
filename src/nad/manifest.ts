/**
 * The front end: any text (YAML or JSON; one or many documents; `List` kinds; a bare CNI config or
 * conflist) → NAD documents with their source positions, or input problems. Never throws.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { NAD_API_VERSION, NAD_KIND } from '../constants.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import { isObject } from './config.js';
import { lineIndex } from './positions.js';
import { mapJsonString, mapYamlFlowScalar, mapYamlLiteralBlock, type OffsetMap } from './source-map.js';
import type { InputProblem, JsonObject, NadDocument, NadSource, ParseResult } from './types.js';

export interface ParseOptions {
  /** File name for messages ("-" for stdin). */
  file?: string;
}

/** Fields outside spec.config that findings point at. */
const FIELDS = new Set(['metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.config', 'spec', 'kind', 'metadata']);

type Locator = (path: ReadonlyArray<string | number>) => { node: unknown; yaml?: true } | undefined;

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

class Collector {
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

function parseJson(text: string, c: Collector): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === undefined) {
    parseBrokenJson(text, c);
    return;
  }
  if (isObject(value) && isBareConfig(value)) {
    c.documents.push({ nad: wrapBareConfig(value, text), source: { file: c.file, index: 0, text, bare: true, configToFile: (o) => o } });
    return;
  }
  let tree: Node | undefined | null = null;
  const treeOf = (): Node | undefined => (tree === null ? (tree = parseTree(text, [], { disallowComments: true })) : tree);
  const locate: Locator = (path) => {
    const t = treeOf();
    const node = t === undefined ? undefined : findNodeAtLocation(t, [...path]);
    return node === undefined ? undefined : { node };
  };
  const offsetOf = (path: Array<string | number>): number | undefined => {
    const t = treeOf();
    return t === undefined ? undefined : findNodeAtLocation(t, path)?.offset;
  };
  if (Array.isArray(value)) {
    value.forEach((item, i) => c.add(item, [i], locate, offsetOf));
    return;
  }
  c.add(value, [], locate, offsetOf);
}

/** JSON that JSON.parse rejects: positions from jsonc-parser. */
function parseBrokenJson(text: string, c: Collector): void {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const loose = tree === undefined ? undefined : (getNodeValue(tree) as unknown);
  const looksLikeObject = isObject(loose) && (loose.kind !== undefined || loose.apiVersion !== undefined);
  if (looksLikeObject || tree === undefined || tree.type !== 'object') {
    const first = errors[0];
    c.problem(`JSON syntax error: ${first ? describeJsonError(first) : 'no value'}`, first?.offset, 'fix the JSON (JSON has no comments or trailing commas)');
    return;
  }
  // Neither a NAD nor a List: a bare CNI config with a syntax error. Lint reports it (NAD002)
  // at the file's own line and column.
  c.documents.push({ nad: wrapBareConfig({}, text, 'cni-config'), source: { file: c.file, index: 0, text, bare: true, configToFile: (o) => o } });
}

function describeJsonError(err: ParseError): string {
  const names = ['', 'unexpected character', 'invalid number', 'a property name was expected', 'a value was expected', 'a colon was expected', 'a comma was expected', 'a closing brace was expected', 'a closing bracket was expected', 'text after the end of the value', 'comments are not allowed'];
  return names[err.error] ?? `error ${err.error}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

function parseYaml(text: string, c: Collector): void {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true }) as Document.Parsed[];
  } catch (err) {
    c.problem(`YAML could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  if (!Array.isArray(docs)) return;
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err !== undefined) {
      c.problem(`YAML syntax error: ${firstLine(err.message)}`, err.pos[0], 'check the indentation and quoting at that line');
      return;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      c.problem(`YAML could not be read: ${e instanceof Error ? e.message : String(e)}`, doc.range[0]);
      return;
    }
    if (value === null || value === undefined) continue;
    const offsetOf = (path: Array<string | number>): number | undefined => {
      const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      return range?.[0];
    };
    const locate: Locator = (path) => {
      const node = doc.getIn([...path], true);
      return node === undefined ? undefined : { node, yaml: true };
    };
    c.add(value, [], locate, offsetOf);
  }
}

/** Reads every NAD in a text. Syntax errors and non-NAD kinds come back as problems. */
export function parseManifests(input: string, options: ParseOptions = {}): ParseResult {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const c = new Collector(text, options.file);
  try {
    if (text.trim() === '') {
      c.problem(options.file === '-' ? 'stdin is empty' : 'the input is empty', undefined, 'give a NetworkAttachmentDefinition (YAML or JSON) or a CNI config');
    } else if (/^\s*[{[]/.test(text)) {
      parseJson(text, c);
    } else {
      parseYaml(text, c);
    }
    if (c.problems.length === 0 && c.documents.length === 0) {
      c.problem('no NetworkAttachmentDefinition found', undefined, 'the input holds only empty documents or an empty List');
    }
  } catch (err) {
    c.problem(`the input could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { documents: c.documents, problems: c.problems };
}
