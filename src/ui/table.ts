import Table from 'cli-table3';

/**
 * A kubectl-like table: upper-case headers, no borders, columns separated by three spaces.
 * Cells may carry colour codes; cli-table3 measures them without the escapes.
 */
export function renderTable(head: string[], rows: string[][]): string {
  const table = new Table({
    head: head.map((h) => h.toUpperCase()),
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
