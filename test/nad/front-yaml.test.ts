/**
 * The fast YAML front end (split at `---` lines, values from js-yaml) gives exactly what reading the
 * whole stream with the yaml library gives: the same values, problems and file offsets. Each case
 * also checks which path it took, so a fast path that silently declined everything would fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { Collector } from '../../src/nad/collector.js';
import { parseYaml, parseYamlStream } from '../../src/nad/front-yaml.js';
import { splitYamlDocuments } from '../../src/yaml/split.js';
import { fitsJsYaml, loadYamlValues } from '../../src/yaml/values.js';

const FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.annotations', 'spec.config', 'spec', 'kind', 'metadata'];

/** What a front end made of the text, with every position a finding could ask for. */
function read(text: string, front: (text: string, c: Collector) => void): unknown {
  const c = new Collector(text, 'x.yaml');
  front(text, c);
  return {
    problems: c.problems,
    documents: c.documents.map((d) => ({
      nad: d.nad,
      configNotString: d.configNotString,
      index: d.source.index,
      offsets: FIELDS.map((f) => d.source.fieldOffset?.(f)),
      configStart: d.source.configToFile?.(0),
    })),
  };
}

function sameAsYamlLibrary(text: string): ReturnType<typeof read> {
  const fast = read(text, parseYaml);
  assert.deepEqual(fast, read(text, parseYamlStream));
  return fast;
}

/** True when the stream was read in the single js-yaml pass. */
function readInOnePass(text: string): boolean {
  const ranges = splitYamlDocuments(text);
  return ranges !== undefined && ranges.every(([s, e]) => fitsJsYaml(text.slice(s, e))) && loadYamlValues(text, ranges) !== undefined;
}

const nad = (name: string, config = "'{\"type\":\"bridge\"}'") => `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${name}\nspec:\n  config: ${config}\n`;
const names = (r: ReturnType<typeof read>) => (r as { documents: Array<{ nad: { metadata: { name: string } } }> }).documents.map((d) => d.nad.metadata.name);
const problems = (r: ReturnType<typeof read>) => (r as { problems: Array<{ message: string; line?: number; column?: number }> }).problems;

test('an indented --- inside a block scalar is content, not a document marker', () => {
  const text = `${nad('a', '|\n    {"type": "bridge",\n    ---\n     "mtu": 1500}')}---\n${nad('b')}`;
  assert.equal(splitYamlDocuments(text)?.length, 2);
  assert.deepEqual(names(sameAsYamlLibrary(text)), ['a', 'b']);
  assert.ok(readInOnePass(text));
});

test('a --- marker with content on the same line (a comment, a flow mapping)', () => {
  const flow = '--- {apiVersion: k8s.cni.cncf.io/v1, kind: NetworkAttachmentDefinition, metadata: {name: f}, spec: {config: "{}"}}\n';
  const text = `--- # first\n${nad('a')}${flow}--- \n${nad('b')}`;
  assert.deepEqual(names(sameAsYamlLibrary(text)), ['a', 'f', 'b']);
  assert.ok(readInOnePass(text));
});

test('quoted scalars spanning lines (folded and with escapes) read the same', () => {
  const text = `${nad('a', '"{\\"type\\":\n    \\"bridge\\",\n\n    \\"x\\": \\"\\u00e9\\t\\"}"')}---\n${nad('b', "'{\"type\":\n    \"bridge\"}'")}`;
  assert.deepEqual(names(sameAsYamlLibrary(text)), ['a', 'b']);
  assert.ok(readInOnePass(text));
});

test('duplicate keys are still the yaml library\'s error, at the line in the whole file', () => {
  const text = `${nad('a')}---\n${nad('b')}metadata:\n  name: again\n`;
  const [p] = problems(sameAsYamlLibrary(text));
  assert.match(p!.message, /^YAML syntax error: Map keys must be unique/);
  assert.equal(p!.line, 14);
});

test('anchors and aliases go to the yaml library (values, and its alias limit)', () => {
  const text = `${nad('a')}---\nbase: &cfg '{"type":"bridge"}'\napiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: b\nspec:\n  config: *cfg\n`;
  const r = sameAsYamlLibrary(text);
  assert.deepEqual(names(r), ['a', 'b']);
  assert.equal((r as { documents: Array<{ nad: { spec: { config: string } } }> }).documents[1]!.nad.spec.config, '{"type":"bridge"}');
  assert.ok(!readInOnePass(text));
  const bomb = `a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`;
  assert.match(problems(sameAsYamlLibrary(`${nad('a')}---\n${bomb}`))[0]!.message, /^YAML could not be read: Excessive alias count/);
});

test('a syntax error in document 3 of 5 is reported at its line in the whole file', () => {
  const docs = [nad('a'), nad('b'), nad('c: d'), nad('d'), nad('e')];
  const text = docs.join('---\n');
  const [p] = problems(sameAsYamlLibrary(text));
  assert.equal(p!.message, 'YAML syntax error: Nested mappings are not allowed in compact mappings');
  assert.equal(p!.line, 18);
  assert.equal(text.split('\n')[p!.line! - 1], '  name: c: d');
});

test('a %YAML directive stream is not split: the yaml library reads it all', () => {
  const text = `%YAML 1.2\n---\n${nad('a')}---\n${nad('b')}`;
  assert.equal(splitYamlDocuments(text), undefined);
  assert.deepEqual(names(sameAsYamlLibrary(text)), ['a', 'b']);
});

test('CRLF line endings: the same values and offsets', () => {
  const text = `${nad('a')}---\n${nad('b', '|\n    {"type": "bridge"}')}`.replace(/\n/g, '\r\n');
  const r = sameAsYamlLibrary(text);
  assert.deepEqual(names(r), ['a', 'b']);
  assert.equal(text.slice((r as { documents: Array<{ offsets: number[] }> }).documents[1]!.offsets[0]!).split('\r\n')[0], 'b');
  assert.ok(readInOnePass(text));
  assert.equal(splitYamlDocuments('a: 1\r---\nb: 2\n'), undefined, 'a lone CR may be a YAML line break');
});

test('a --- at the end of the text without a newline, and empty documents between markers', () => {
  const text = `${nad('a')}---\n---\n# only a comment\n---\n${nad('b')}---`;
  assert.deepEqual(splitYamlDocuments(text)?.length, 5);
  assert.deepEqual(names(sameAsYamlLibrary(text)), ['a', 'b']);
  assert.ok(readInOnePass(text));
  assert.deepEqual(names(sameAsYamlLibrary(`---\n${nad('c')}---\n~\n---\n`)), ['c']);
});

test('core-schema scalars read as the yaml library reads them (null keys, huge numbers, yes/no, dates)', () => {
  const text = `${nad('a')}extra:\n  ~: null key\n  big: 1e400\n  huge: 1${'0'.repeat(400)}\n  hex: 0x1F\n  oct: 0o17\n  yes: no\n  when: 2001-12-14\n  nan: .NaN\n  zero: -0\n  merge:\n    <<: {x: 1}\n`;
  const r = sameAsYamlLibrary(text);
  assert.ok(readInOnePass(text));
  assert.deepEqual((r as { documents: Array<{ nad: { extra: unknown } }> }).documents[0]!.nad.extra, {
    '': 'null key', big: Infinity, huge: Infinity, hex: 31, oct: 15, yes: 'no', when: '2001-12-14', nan: NaN, zero: -0, merge: { '<<': { x: 1 } },
  });
});

test('what js-yaml would read otherwise goes to the yaml library: tabs, empty keys, tags, anchored keys', () => {
  const cases = [`${nad('a')}extra:\n\t- x\n`, `${nad('a')}---\n\t~\n`, `${nad('a')}---\n:  x: 1\n`, `${nad('a')}extra: !!float 1\n`, `${nad('a')}extra: &a k:\n`, `  ---\n${nad('a')}`, `${nad('a')}---\n>1\n>0\n`];
  for (const text of cases) {
    sameAsYamlLibrary(text);
    assert.ok(!readInOnePass(text), JSON.stringify(text));
  }
});

// NAD-like documents: random keys and values, nested maps and lists, printed by the yaml library
// with a random scalar style (plain, quoted, block) so every scalar form crosses the split.
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('\ufeff') && !s.includes('\r'));
const scalar = fc.oneof(text, fc.constantFrom('---', '--- x', '...', '# not a comment', 'a: b', '- x', '"', "'", '\n---\n', '  ---', 'yes', '~', '1e3', '0x10'), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(text, tie('value'), { maxKeys: 3 })),
}));
const nadLike = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
  config: fc.oneof(text, fc.json(), fc.constantFrom('{\n  "type": "bridge",\n  "mtu": 1500\n}\n', '{"type": "macvlan"}')),
  extra: fc.dictionary(text, value, { maxKeys: 4 }),
});
const style = fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED'>;

test('property: for NAD-like streams the fast path gives the yaml library\'s values and offsets', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(nadLike, style), { minLength: 1, maxLength: 5 }), fc.boolean(), (docs, crlf) => {
      const rendered = docs
        .map(([d, defaultStringType]) => stringify({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: d.name }, spec: { config: d.config }, extra: d.extra }, { defaultStringType }))
        .join('---\n');
      const stream = crlf ? rendered.replace(/\n/g, '\r\n') : rendered;
      const r = sameAsYamlLibrary(stream);
      assert.deepEqual(names(r), docs.map(([d]) => d.name));
      const ranges = splitYamlDocuments(stream)!;
      if (ranges.every(([s, e]) => fitsJsYaml(stream.slice(s, e)))) assert.ok(readInOnePass(stream), 'the one-pass read declined a stream that fits js-yaml');
    }),
    { numRuns: 300 },
  );
});
