/** The JSON front end: JSON.parse first (fast); jsonc-parser for positions and syntax errors. */
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { isObject } from './config.js';
import { Collector, isBareConfig, wrapBareConfig, type Locator } from './collector.js';

export function parseJson(text: string, c: Collector): void {
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
