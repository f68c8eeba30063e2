import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Table from 'cli-table3';
import fc from 'fast-check';
import { renderTable } from '../../src/ui/table.js';

/** What renderTable printed when every table went through cli-table3. */
function viaCliTable3(head: string[], rows: string[][]): string {
  const table = new Table({
    head: head.map((h) => h.toUpperCase()),
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '   ' },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(row);
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n');
}

const cell = fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', '-', '/', '<', '*', ':'), maxLength: 12 });

describe('renderTable', () => {
  it('lays out plain ASCII tables exactly as cli-table3 does (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 8 }), (n, cells) => {
        const head = ['name', 'type', 'ipam', 'subnet', 'pods'].slice(0, n);
        const rows = cells.map((r) => r.slice(0, n));
        assert.equal(renderTable(head, rows), viaCliTable3(head, rows));
      }),
    );
  });

  it('a kubectl-like example: upper-case head, three spaces between columns, no trailing blanks', () => {
    assert.equal(renderTable(['name', 'type'], [['br-storage', 'bridge'], ['mv', 'macvlan']]), 'NAME         TYPE\nbr-storage   bridge\nmv           macvlan');
  });

  it('still measures coloured and wide cells without their escapes (cli-table3 path)', () => {
    const red = '\u001b[31mERR\u001b[39m';
    const out = renderTable(['a', 'b'], [[red, 'x'], ['toolong', 'y']]);
    assert.equal(out, viaCliTable3(['a', 'b'], [[red, 'x'], ['toolong', 'y']]));
    assert.match(out, /ERR\u001b\[39m {7}x/);
  });
});
