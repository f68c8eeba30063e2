/**
 * spec.config as JSON with positions: strict JSON (no comments, no trailing commas, as libcni
 * reads it), with the first error's line and column and a hint for the usual paste mistakes.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineIndex } from './positions.js';
import type { JsonObject, Path } from './types.js';

export interface ConfigError {
  message: string;
  hint?: string;
  /** 0-based offset inside the config text. */
  offset: number;
  line: number;
  column: number;
}

export interface ParsedConfig {
  value?: JsonObject;
  error?: ConfigError;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
export { isObject };

const CODE_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing brace was expected',
  CloseBracketExpected: 'a closing bracket was expected',
  EndOfFileExpected: 'text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

function previousSignificant(text: string, offset: number): string | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i]!;
    if (!/\s/.test(ch)) return ch;
  }
  return undefined;
}

function describe(text: string, err: ParseError): { message: string; hint?: string } {
  const code = printParseErrorCode(err.error);
  const at = text.slice(err.offset, err.offset + Math.max(1, err.length));
  const base = CODE_TEXT[code] ?? code;
  if (at.startsWith('#') || at.startsWith('//') || at.startsWith('/*') || code === 'InvalidCommentToken') {
    const comment = text.slice(err.offset).split('\n')[0]!.trim();
    return { message: `a comment is not allowed in JSON: ${JSON.stringify(comment.slice(0, 40))}`, hint: 'remove the comment (JSON has none); keep notes in a metadata annotation instead' };
  }
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && previousSignificant(text, err.offset) === ',') {
    return { message: `trailing comma before ${JSON.stringify(at)}`, hint: 'remove the comma after the last element (JSON allows no trailing commas)' };
  }
  if (code === 'InvalidSymbol' && at.startsWith("'")) {
    return { message: 'single quotes are not JSON string quotes', hint: 'use double quotes for JSON strings and keys' };
  }
  const shown = at.trim() === '' ? '' : ` at ${JSON.stringify(at.slice(0, 20))}`;
  return { message: `${base}${shown}`, hint: 'check the JSON near this position (e.g. with `jq . file.json`)' };
}

/** Parses a config text; never throws. JSON.parse first (fast); jsonc-parser only for error positions. */
export function parseConfig(text: string): ParsedConfig {
  let value: unknown;
  let ok = true;
  try {
    value = JSON.parse(text);
  } catch {
    ok = false;
  }
  if (!ok) {
    const errors: ParseError[] = [];
    parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0] ?? { error: 4, offset: 0, length: 0 };
    const pos = lineIndex(text)(first.offset);
    const { message, hint } = text.trim() === ''
      ? { message: 'spec.config is empty', hint: 'Multus then looks for a file named after the NAD in its confDir; put the CNI config here instead' }
      : describe(text, first);
    return { error: { message, hint, offset: first.offset, line: pos.line, column: pos.column } };
  }
  if (!isObject(value)) {
    const offset = text.length - text.trimStart().length;
    return { error: { message: `spec.config is a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`, hint: 'a CNI config is one JSON object ({"cniVersion": …, "type": …})', offset, line: 1, column: 1 } };
  }
  return { value };
}

/** The syntax tree of a valid config, for positions (built only when a finding needs one). */
export function configTree(text: string): Node | undefined {
  return parseTree(text, [], { disallowComments: true });
}

/** Offset (in the config text) of the value at a path below spec.config, or its nearest parent. */
export function configOffset(tree: Node | undefined, path: Path): number | undefined {
  if (tree === undefined) return undefined;
  const segs = [...path];
  while (segs.length >= 0) {
    const node = findNodeAtLocation(tree, segs);
    if (node !== undefined) return node.offset;
    if (segs.length === 0) return undefined;
    segs.pop();
  }
  return undefined;
}
