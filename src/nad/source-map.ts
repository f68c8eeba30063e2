/**
 * Maps characters of a decoded string value back to offsets in its source text, so an error inside
 * spec.config can be shown at the file's line and column. Each mapper rebuilds the value from the
 * source and returns undefined unless it reproduces it exactly: a position is either right or absent.
 */

/** offsets[i] = source offset of value character i; offsets[value.length] = the end. */
export type OffsetMap = Int32Array;

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
  '0': '\0', a: '\x07', e: '\x1b', v: '\v', ' ': ' ', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

class Builder {
  readonly chars: string[] = [];
  readonly offs: number[] = [];
  push(text: string, offset: number): void {
    for (const ch of text) {
      // A surrogate pair is two UTF-16 units; both map to the same source offset.
      for (let k = 0; k < ch.length; k++) {
        this.chars.push(ch[k]!);
        this.offs.push(offset);
      }
    }
  }
  trimTrailingBlanks(): void {
    while (this.chars.length > 0 && (this.chars.at(-1) === ' ' || this.chars.at(-1) === '\t')) {
      this.chars.pop();
      this.offs.pop();
    }
  }
  finish(value: string, end: number): OffsetMap | undefined {
    if (this.chars.join('') !== value) return undefined;
    const map = new Int32Array(this.offs.length + 1);
    map.set(this.offs);
    map[this.offs.length] = end;
    return map;
  }
}

/** A JSON string literal: `src` is the text between the quotes, starting at `base`. */
export function mapJsonString(src: string, base: number, value: string): OffsetMap | undefined {
  const b = new Builder();
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch !== '\\') {
      b.push(ch, base + i);
      continue;
    }
    const next = src[i + 1] ?? '';
    if (next === 'u') {
      b.push(String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16)), base + i);
      i += 5;
    } else {
      b.push(SIMPLE_ESCAPES[next] ?? next, base + i);
      i += 1;
    }
  }
  return b.finish(value, base + src.length);
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

/**
 * A YAML flow scalar (plain, 'single' or "double" quoted): line folding turns a line break and the
 * indentation after it into one space (or into n-1 newlines for n breaks).
 */
export function mapYamlFlowScalar(src: string, base: number, value: string, style: 'plain' | 'single' | 'double'): OffsetMap | undefined {
  const b = new Builder();
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\r' || ch === '\n') {
      const at = base + i;
      b.trimTrailingBlanks();
      let breaks = 0;
      while (i < src.length && (src[i] === '\n' || src[i] === '\r' || isBlank(src[i]))) {
        if (src[i] === '\n') breaks += 1;
        i += 1;
      }
      if (breaks === 0) breaks = 1; // a lone \r
      b.push(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), at);
      continue;
    }
    if (style === 'single' && ch === "'" && src[i + 1] === "'") {
      b.push("'", base + i);
      i += 2;
      continue;
    }
    if (style === 'double' && ch === '\\') {
      const next = src[i + 1] ?? '';
      if (next === '\n' || next === '\r') {
        // An escaped line break joins the lines without a space.
        i += 1;
        while (i < src.length && (src[i] === '\n' || src[i] === '\r' || isBlank(src[i]))) i += 1;
        continue;
      }
      const hexLen = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hexLen > 0) {
        b.push(String.fromCodePoint(parseInt(src.slice(i + 2, i + 2 + hexLen), 16)), base + i);
        i += 2 + hexLen;
      } else {
        b.push(SIMPLE_ESCAPES[next] ?? next, base + i);
        i += 2;
      }
      continue;
    }
    b.push(ch, base + i);
    i += 1;
  }
  return b.finish(value, base + src.length);
}

/**
 * A YAML literal block scalar (`|`): `src` starts after the header line's break; each value line
 * is a source line with the block's indentation removed.
 */
export function mapYamlLiteralBlock(src: string, base: number, value: string): OffsetMap | undefined {
  const lines = src.split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  );
  if (!Number.isFinite(indent)) return undefined;
  const b = new Builder();
  let offset = base;
  const valueLines = value.split('\n');
  for (let k = 0; k < valueLines.length && k < lines.length; k++) {
    const line = lines[k]!;
    const content = line.slice(Math.min(indent, line.length)).replace(/\r$/, '');
    const start = offset + Math.min(indent, line.length);
    const want = valueLines[k]!;
    if (want !== '' && content.slice(0, want.length) !== want) return undefined;
    for (let c = 0; c < want.length; c++) b.push(want[c]!, start + c);
    if (k < valueLines.length - 1) b.push('\n', offset + line.length);
    offset += line.length + 1;
  }
  return b.finish(value, offset);
}
