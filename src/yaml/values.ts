/**
 * Values of YAML documents through js-yaml, several times faster than the yaml library, made to
 * give exactly what the yaml library's default (YAML 1.2 core schema, toJS) gives. Where the two
 * could differ, it declines (returns undefined) and the caller asks the yaml library instead:
 * anything js-yaml rejects (syntax errors, duplicate keys, complex keys, too deep), aliases (so the
 * yaml library's alias-count limit still applies) and the constructs in DECLINED.
 */
import { constructFromEvents, CORE_SCHEMA, defineMappingTag, defineScalarTag, EVENT_ID, floatCoreTag, intCoreTag, load, mapTag, NOT_RESOLVED, parseEvents, type Event } from 'js-yaml';
import type { DocumentRange } from './split.js';

/**
 * Text where js-yaml is known to accept what the yaml library rejects or reads otherwise, found by
 * fuzzing the two against each other; matching is conservative (it may also hit inside a string).
 */
const DECLINED = [
  /(?:^|[\s,[\]{}])[!&*]/, // tags, anchors, aliases: `!!float 1` is "1" there; `&a key:` inside a value
  /(?:^|[\s,[\]{}])[?:](?:\s|$)/, // explicit and empty keys: `: a: 1` is an error there
  /(?:^|\n) *\t/, // tabs in indentation
  /^\s* ---/, // an indented `---` on the first line: js-yaml takes it for a document start
  /(?:^|\n)(?:---[ \t]+)?[|>]/, // a block scalar as the document itself
];

// js-yaml leaves numbers too large for a double as strings; the yaml library makes them Infinity.
const DECIMAL = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

function hugeInt(source: string): number | typeof NOT_RESOLVED {
  if (DECIMAL.test(source)) return parseInt(source, 10);
  if (OCTAL.test(source)) return parseInt(source.slice(2), 8);
  if (HEX.test(source)) return parseInt(source.slice(2), 16);
  return NOT_RESOLVED;
}

const intTag = defineScalarTag(intCoreTag.tagName, {
  ...intCoreTag,
  resolve: (source, isExplicit, tagName) => {
    const value = intCoreTag.resolve(source, isExplicit, tagName);
    return value === NOT_RESOLVED ? hugeInt(source) : value;
  },
});

const floatTag = defineScalarTag(floatCoreTag.tagName, {
  ...floatCoreTag,
  resolve: (source, isExplicit, tagName) => {
    const value = floatCoreTag.resolve(source, isExplicit, tagName);
    return value === NOT_RESOLVED && FLOAT.test(source) ? parseFloat(source) : value;
  },
});

/** The yaml library turns a null key into "" (js-yaml into "null"); otherwise js-yaml's own map. */
const keyOf = (key: unknown): unknown => (key === null ? '' : key);
const mappingTag = defineMappingTag(mapTag.tagName, {
  ...mapTag,
  addPair: (container, key, value) => mapTag.addPair(container, keyOf(key), value),
  has: (container, key) => mapTag.has(container, keyOf(key)),
});

const SCHEMA = CORE_SCHEMA.withTags(intTag, floatTag, mappingTag);

const OPTIONS = { schema: SCHEMA, maxAliases: 0 };

/** False when js-yaml might read this document otherwise than the yaml library. */
export function fitsJsYaml(documentText: string): boolean {
  return !DECLINED.some((pattern) => pattern.test(documentText));
}

/** The document's value ({ value: undefined } for an empty one), or undefined to ask the yaml library. */
export function loadYamlValue(documentText: string): { value: unknown } | undefined {
  if (!fitsJsYaml(documentText)) return undefined;
  try {
    return { value: load(documentText, OPTIONS) };
  } catch {
    return undefined;
  }
}

/** A range that holds no node: its `---` marker, blank lines and comments only. */
const BLANK = /^(?:---)?(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:#[^\n]*)?$/;

/** Where a document's root node starts; -1 for an empty document. */
function rootStart(event: Event | undefined): number {
  if (event === undefined) return -1;
  if (event.type === EVENT_ID.SCALAR) return event.valueStart;
  return event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE ? event.start : -1;
}

/**
 * Every range's value read in one js-yaml pass over the whole text (one call per document costs
 * js-yaml about 17 µs of set-up, a third of the work for a typical NAD), or undefined to read them
 * one by one. The pass counts only if js-yaml's documents fall one to a range, each root node
 * inside its range, and every range without one is blank: then both split the text alike.
 * Each range must already have passed fitsJsYaml.
 */
export function loadYamlValues(text: string, ranges: readonly DocumentRange[]): unknown[] | undefined {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, {});
    documents = constructFromEvents(events, { ...OPTIONS, source: text });
  } catch {
    return undefined;
  }
  const values: unknown[] = new Array(ranges.length).fill(undefined);
  const filled: boolean[] = new Array(ranges.length).fill(false);
  let range = 0;
  let document = 0;
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.type !== EVENT_ID.DOCUMENT) continue;
    const value = documents[document++];
    const at = rootStart(events[i + 1]);
    if (at < 0 || value === null || value === undefined) continue;
    while (range < ranges.length && ranges[range]![1] <= at) range++;
    if (range === ranges.length || filled[range] || at < ranges[range]![0]) return undefined;
    values[range] = value;
    filled[range] = true;
  }
  if (document !== documents.length) return undefined;
  for (let r = 0; r < ranges.length; r++) {
    if (!filled[r] && !BLANK.test(text.slice(ranges[r]![0], ranges[r]![1]))) return undefined;
  }
  return values;
}
