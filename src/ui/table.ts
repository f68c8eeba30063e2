import Table from 'cli-table3';

/** Plain printable ASCII: every character one column wide, no colour codes, no line breaks. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * A kubectl-like table: upper-case headers, no borders, columns separated by three spaces.
 * Cells may carry colour codes; cli-table3 measures them without the escapes. Tables of plain ASCII
 * cells (the usual case, and always without colour) are laid out here directly, with the same
 * result: cli-table3 costs ~0.5 ms a row, which a list of hundreds of NADs notices.
 */
export function renderTable(head: string[], rows: string[][]): string {
  const heads = head.map((h) => h.toUpperCase());
  if ([heads, ...rows].every((r) => r.every((c) => typeof c === 'string' && PLAIN.test(c)))) return plainTable(heads, rows);
  const table = new Table({
    head: heads,
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '',
      right: '', 'right-mid': '', middle: '   ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(row);
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}

function plainTable(head: string[], rows: string[][]): string {
  const all = head.length > 0 ? [head, ...rows] : rows;
  const widths: number[] = [];
  for (const r of all) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const line = (cells: string[]): string => widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join('   ').trimEnd();
  return all.map(line).join('\n');
}
