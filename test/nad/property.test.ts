/** The front end and the linter never throw: any text gives NADs, findings or input problems. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConfig } from '../../src/nad/config.js';
import { lintDocuments } from '../../src/nad/lint.js';
import { parseManifests } from '../../src/nad/manifest.js';
import { mapYamlFlowScalar } from '../../src/nad/source-map.js';

const NAD_HEAD = 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: p\nspec:\n  config: ';

function total(text: string): void {
  const r = parseManifests(text, { file: 'x' });
  assert.ok(Array.isArray(r.documents) && Array.isArray(r.problems));
  assert.ok(r.documents.length > 0 || r.problems.length > 0, 'every input yields something');
  const report = lintDocuments(r.documents);
  for (const f of report.findings) {
    assert.ok(typeof f.message === 'string' && f.message.length > 0);
    if (f.line !== undefined) assert.ok(f.line >= 1 && f.column! >= 1);
  }
}

test('any string → documents or problems, and linting them never throws', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), total), { numRuns: 400 });
});

test('YAML-ish and JSON-ish noise → documents or problems', () => {
  const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', "'", '\n', '  ', '- ', '---\n', '#', 'kind: List\n', 'items:\n', 'type', 'plugins', 'ipam', '&a ', '*a', '|\n', '0.0.0.0/0', '"subnet": "10.0.0.0/8"');
  fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), total), { numRuns: 400 });
});

test('any spec.config text inside a NAD is linted without throwing (positions stay in range)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.json(), fc.string()), (config) => {
      total(`${NAD_HEAD}${JSON.stringify(config)}\n`);
      total(`${NAD_HEAD}|\n${config.split('\n').map((l) => `    ${l}`).join('\n')}\n`);
      total(JSON.stringify({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'p' }, spec: { config } }));
    }),
    { numRuns: 300 },
  );
});

test('a JSON config error position is inside the text and JSON.parse agrees it is invalid', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (text) => {
      const r = parseConfig(text);
      if (r.error === undefined) {
        assert.equal(typeof JSON.parse(text), 'object');
        return;
      }
      assert.ok(r.error.offset >= 0 && r.error.offset <= text.length);
    }),
    { numRuns: 400 },
  );
});

test('the single-quoted YAML mapper rebuilds what the yaml library decodes, or declines', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', ' ', "''", '\n', '\n\n', '  ', '{', '"'), { maxLength: 30 }).map((a) => a.join('')), (inner) => {
      const text = `${NAD_HEAD}'${inner}'\n`;
      const r = parseManifests(text);
      const doc = r.documents[0];
      if (doc === undefined || typeof doc.nad.spec?.config !== 'string') return;
      const value = doc.nad.spec.config;
      const start = NAD_HEAD.length + 1;
      const map = mapYamlFlowScalar(text.slice(start, start + inner.length), start, value, 'single');
      if (map === undefined) return;
      for (let i = 0; i < value.length; i++) {
        const ch = value[i]!;
        const src: string = text[map[i]!]!;
        if (ch === ' ' || ch === '\n') assert.ok(src === ch || src === '\n' || src === ' ', `char ${i}`);
        else assert.equal(src, ch, `char ${i}`);
      }
    }),
    { numRuns: 300 },
  );
});
