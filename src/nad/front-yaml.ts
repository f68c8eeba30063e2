/**
 * The YAML front end: multi-document streams through the yaml library. Documents are composed one
 * at a time and only their values are kept; the node tree with positions is rebuilt (from that
 * document's own text) only when a finding asks where something is, so a long clean stream never
 * holds thousands of node trees at once.
 */
import { Composer, parseDocument, Parser, visit, type Document } from 'yaml';
import type { Collector, Locator } from './collector.js';

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

type Ranged = { range?: [number, number, number] | null };

/** The document of text[start, end) parsed again, its node ranges moved to offsets in the whole text. */
function reparse(text: string, start: number, end: number): Document.Parsed {
  const doc = parseDocument(text.slice(start, end), { uniqueKeys: true });
  visit(doc, (_key, node) => {
    const n = node as Ranged;
    if (n.range) n.range = [n.range[0] + start, n.range[1] + start, n.range[2] + start];
  });
  return doc;
}

export function parseYaml(text: string, c: Collector): void {
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
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      c.problem(`YAML could not be read: ${e instanceof Error ? e.message : String(e)}`, doc.range[0]);
      return;
    }
    if (value === null || value === undefined) continue;
    const [start, , end] = doc.range;
    let again: Document.Parsed | undefined;
    const tree = (): Document.Parsed => (again ??= reparse(text, start, end));
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
}
