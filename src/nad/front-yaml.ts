/** The YAML front end: multi-document streams through the yaml library, with its positions. */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Collector, Locator } from './collector.js';

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

export function parseYaml(text: string, c: Collector): void {
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

