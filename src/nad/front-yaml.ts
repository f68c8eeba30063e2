/**
 * The YAML front end: multi-document streams. The stream is split at its `---` lines and the values
 * come from js-yaml (one pass over the whole text when every document suits it); the yaml library
 * reads a document only when js-yaml might read it otherwise (aliases, tags, …), the whole stream
 * when any document has an error (so messages, positions and limits stay the yaml library's) or
 * the split declines the text, and, lazily, one document's text when a finding asks where
 * something is. Only values are kept, so a long clean stream never holds thousands of node trees.
 */
import { Composer, parseDocument, Parser, visit, type Document } from 'yaml';
import type { Collector, Locator } from './collector.js';
import { fitsJsYaml, loadYamlValue, loadYamlValues } from '../yaml/values.js';
import { splitYamlDocuments, type DocumentRange } from '../yaml/split.js';

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

type Ranged = { range?: [number, number, number] | null };

/** The document of text[start, end) parsed again, its node ranges moved to offsets in the whole text. */
function reparse(text: string, start: number, end: number): Document.Parsed {
  const doc = parseDocument(text.slice(start, end), { uniqueKeys: true });
  visit(doc, (_key, node) => {
    // visit hands over null for an empty key or value.
    const n = node as Ranged | null;
    if (n?.range) n.range = [n.range[0] + start, n.range[1] + start, n.range[2] + start];
  });
  return doc;
}

/** Adds the value of text[start, end) with lazy positions from that document's own text. */
function addDocument(c: Collector, value: unknown, start: number, end: number): void {
  let again: Document.Parsed | undefined;
  const tree = (): Document.Parsed => (again ??= reparse(c.text, start, end));
  const offsetOf = (path: Array<string | number>): number | undefined => {
    const d = tree();
    const node = path.length === 0 ? d.contents : d.getIn(path, true);
    return (node as Ranged | undefined)?.range?.[0];
  };
  const locate: Locator = (path) => {
    const node = tree().getIn([...path], true);
    return node === undefined ? undefined : { node, yaml: true };
  };
  c.add(value, [], locate, offsetOf);
}

/** The value of a document the yaml library composed without errors (undefined when empty). */
function yamlValue(doc: Document.Parsed): unknown {
  return doc.contents === null ? undefined : doc.toJS({ maxAliasCount: 100 });
}

/** A document js-yaml declined, through the yaml library; undefined when it cannot be read. */
function readAlone(source: string): { value: unknown } | undefined {
  const doc = parseDocument(source, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  try {
    return { value: yamlValue(doc) };
  } catch {
    return undefined;
  }
}

/** The whole stream through the yaml library: for what the document split declines. */
export function parseYamlStream(text: string, c: Collector): void {
  let docs: Iterator<Document.Parsed>;
  try {
    docs = new Composer({ uniqueKeys: true }).compose(new Parser().parse(text), true, text.length)[Symbol.iterator]() as Iterator<Document.Parsed>;
  } catch (err) {
    c.problem(`YAML could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  for (;;) {
    let step: IteratorResult<Document.Parsed>;
    try {
      step = docs.next();
    } catch (err) {
      c.problem(`YAML could not be read: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (step.done) return;
    const doc = step.value;
    const err = doc.errors[0];
    if (err !== undefined) {
      c.problem(`YAML syntax error: ${firstLine(err.message)}`, err.pos[0], 'check the indentation and quoting at that line');
      return;
    }
    let value: unknown;
    try {
      value = yamlValue(doc);
    } catch (e) {
      c.problem(`YAML could not be read: ${e instanceof Error ? e.message : String(e)}`, doc.range[0]);
      return;
    }
    if (value === null || value === undefined) continue;
    const [start, , end] = doc.range;
    addDocument(c, value, start, end);
  }
}

/**
 * The stream split at its `---` lines, each document read by js-yaml or else by the yaml library.
 * Nothing is added until every document has been read: a document the yaml library cannot read
 * sends the whole stream back through parseYamlStream, so syntax errors and alias limits are
 * reported exactly where reading the whole stream reports them (an unclosed quote, for one, runs
 * on past the `---` lines to the end of the text there).
 */
export function parseYaml(text: string, c: Collector): void {
  const ranges = splitYamlDocuments(text);
  if (ranges === undefined) {
    parseYamlStream(text, c);
    return;
  }
  const values = readDocuments(text, ranges);
  if (values === undefined) {
    parseYamlStream(text, c);
    return;
  }
  ranges.forEach(([start, end], i) => {
    const value = values[i];
    if (value !== null && value !== undefined) addDocument(c, value, start, end);
  });
}

/** Each range's value (undefined when empty), or undefined when one of them cannot be read. */
function readDocuments(text: string, ranges: readonly DocumentRange[]): unknown[] | undefined {
  if (ranges.every(([start, end]) => fitsJsYaml(text.slice(start, end)))) {
    const values = loadYamlValues(text, ranges);
    if (values !== undefined) return values;
  }
  const values: unknown[] = [];
  for (const [start, end] of ranges) {
    const source = text.slice(start, end);
    const fast = loadYamlValue(source);
    if (fast !== undefined) {
      values.push(fast.value);
      continue;
    }
    const alone = readAlone(source);
    if (alone === undefined) return undefined;
    values.push(alone.value);
  }
  return values;
}
