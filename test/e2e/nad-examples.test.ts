/** The README's first command: `multusctl nad validate examples/nads/*.yaml` (no cluster needed). */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from './helpers.js';

test('nad validate examples/nads/*.yaml exits 1 and explains each broken example', async () => {
  const dir = join(REPO_ROOT, 'examples', 'nads');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));
  assert.ok(files.length >= 6);
  const table = await runCli(['nad', 'validate', ...files]);
  assert.equal(table.code, 1, table.stderr);
  assert.match(table.stdout, /^FAIL: \d+ NADs, \d+ errors/m);
  const json = await runCli(['nad', 'validate', ...files, '-o', 'json']);
  const report = JSON.parse(json.stdout) as { findings: Array<{ id: string; level: string; file: string; line?: number }> };
  const errorsByFile = new Map<string, string[]>();
  for (const f of report.findings.filter((x) => x.level === 'error')) errorsByFile.set(f.file.split('/').pop()!, [...(errorsByFile.get(f.file.split('/').pop()!) ?? []), f.id]);
  assert.deepEqual([...errorsByFile.keys()].sort(), ['bad-name-and-type.yaml', 'flannel-with-comment.yaml', 'ipam-range-outside.yaml']);
  assert.ok(report.findings.every((f) => typeof f.line === 'number'), 'every finding from a file has a line');
});
