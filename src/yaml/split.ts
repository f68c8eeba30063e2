/**
 * Splits a YAML stream into its documents without parsing it. A line that starts at column 0 with
 * `---` followed by a space, a tab, a line break or the end of the text is a "c-forbidden" line: it
 * cannot be part of any scalar of a bare document, so the yaml library ends the document there too
 * (even inside an unclosed quote or flow collection). What this scan cannot place exactly it
 * declines, and the caller reads the whole stream the slow way.
 */

/** [start, end) of one document in the whole text; start is at its `---` marker when it has one. */
export type DocumentRange = readonly [start: number, end: number];

function markerAt(text: string, at: number, marker: string): boolean {
  if (!text.startsWith(marker, at)) return false;
  const next = text.charCodeAt(at + 3);
  // NaN: the marker ends the text; 9 tab, 10 \n, 13 \r, 32 space.
  return Number.isNaN(next) || next === 9 || next === 10 || next === 13 || next === 32;
}

/**
 * The documents of a bare-document stream, or undefined when the text has directives (`%` lines),
 * `...` end markers, a byte order mark after the start, or a carriage return that is not part of
 * CRLF (YAML may count it as a line break where this scan would not).
 */
export function splitYamlDocuments(text: string): DocumentRange[] | undefined {
  if (text.indexOf('\ufeff') >= 0) return undefined;
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) {
    if (text.charCodeAt(cr + 1) !== 10) return undefined;
  }
  const ranges: DocumentRange[] = [];
  let start = 0;
  for (let line = 0; line < text.length; ) {
    const first = text.charCodeAt(line);
    if (first === 37 /* % */ || markerAt(text, line, '...')) return undefined;
    if (line > start && markerAt(text, line, '---')) {
      ranges.push([start, line]);
      start = line;
    }
    const newline = text.indexOf('\n', line);
    if (newline < 0) break;
    line = newline + 1;
  }
  ranges.push([start, text.length]);
  return ranges;
}
