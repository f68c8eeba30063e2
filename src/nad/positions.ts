/** Offsets to 1-based line/column, and NAD paths to their printed form. */
import type { Path } from './types.js';

export interface LineCol {
  line: number;
  column: number;
}

/** Returns a function mapping a 0-based offset in `text` to its 1-based line and column. */
export function lineIndex(text: string): (offset: number) => LineCol {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number): LineCol => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo]! + 1 };
  };
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ['spec','config','plugins',0,'type'] → spec.config.plugins[0].type; odd keys are quoted. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
