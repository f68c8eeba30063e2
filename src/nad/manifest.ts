/**
 * The front end: any text (YAML or JSON; one or many documents; `List` kinds; a bare CNI config or
 * conflist) → NAD documents with their source positions, or input problems. Never throws.
 */
import { Collector } from './collector.js';
import { parseJson } from './front-json.js';
import { parseYaml } from './front-yaml.js';
import type { ParseResult } from './types.js';

export { bareName, isBareConfig, wrapBareConfig } from './collector.js';

export interface ParseOptions {
  /** File name for messages ("-" for stdin). */
  file?: string;
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
