/**
 * Every shared fixture produces exactly the error-level findings its expected.json lists, and at
 * least the ids in must_include. CI puts shared/ beside the repository: <repo>/../shared/fixtures/nads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintDocuments } from '../../src/nad/lint.js';
import { parseManifests } from '../../src/nad/manifest.js';

import { sharedDir } from '../support/shared.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DIR = join(sharedDir() ?? join(REPO, '..', 'shared'), 'fixtures', 'nads');
const EXAMPLES = join(REPO, 'examples', 'nads');

interface Expected {
  errors: string[];
  must_include?: string[];
}

function check(dir: string, file: string, want: Expected): void {
  const parsed = parseManifests(readFileSync(join(dir, file), 'utf8'), { file });
  assert.deepEqual(parsed.problems, [], `${file}: input problems`);
  assert.ok(parsed.documents.length > 0, `${file}: no NAD read`);
  const findings = lintDocuments(parsed.documents).findings;
  const errors = [...new Set(findings.filter((f) => f.level === 'error').map((f) => f.id))].sort();
  assert.deepEqual(errors, [...want.errors].sort(), `${file}: error ids (findings: ${JSON.stringify(findings.map((f) => [f.id, f.level, f.message]))})`);
  for (const id of want.must_include ?? []) assert.ok(findings.some((f) => f.id === id), `${file}: must include ${id}`);
}

if (!existsSync(join(DIR, 'expected.json'))) {
  test('shared NAD fixtures', { skip: `fixtures not found at ${DIR}` }, () => {});
} else {
  const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;
  test('expected.json lists at least one fixture and every listed file exists', () => {
    assert.ok(Object.keys(expected).length > 0);
    for (const file of Object.keys(expected)) assert.ok(existsSync(join(DIR, file)), file);
  });
  for (const [file, want] of Object.entries(expected)) {
    test(`fixture ${file}: errors ${JSON.stringify(want.errors)}`, () => check(DIR, file, want));
  }
  test('examples/nads are copies of the shared fixtures and lint the same', () => {
    for (const [file, want] of Object.entries(expected)) {
      if (!existsSync(join(EXAMPLES, file))) continue;
      assert.equal(readFileSync(join(EXAMPLES, file), 'utf8'), readFileSync(join(DIR, file), 'utf8'), `${file} differs from the shared copy`);
      check(EXAMPLES, file, want);
    }
  });
  test('the flannel fixture points at the pasted comment in the file', () => {
    const file = 'flannel-with-comment.yaml';
    const text = readFileSync(join(DIR, file), 'utf8');
    const [f] = lintDocuments(parseManifests(text, { file }).documents).findings.filter((x) => x.id === 'NAD002');
    assert.ok(f?.line !== undefined && f.column !== undefined);
    const line = text.split('\n')[f.line - 1]!;
    assert.equal(line[f.column - 1], '#', `line ${f.line}: ${line}`);
    assert.equal(f.configLine, 1);
  });
}
