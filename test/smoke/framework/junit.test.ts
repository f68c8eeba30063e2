import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { summarize, type CheckResult } from '../../../src/smoke/framework/check.js';
import { escapeXml, sanitizeXmlChars, toJUnitXml } from '../../../src/smoke/framework/junit.js';
import { junitSchemaErrors, XMLLINT_SKIP, xpath } from '../../support/junit.js';

const result = (id: string, status: CheckResult['status'], messages: string[] = [], log: string[] = []): CheckResult => ({
  id, title: `title ${id}`, status, messages, log, durationMs: 12.5,
});

const report = summarize(
  [
    result('attachment-present', 'passed'),
    result('ping-net1', 'failed', ['ping 10.1.1.3 from pod-a: 100% packet loss <&> "quoted"'], ['[3ms] -> ping', '[9ms] error ping: \u0007bell']),
    result('del-frees-ips', 'skipped', ['needs ping-net1, which failed']),
  ],
  1234,
);
const options = { suite: 'multusctl smoke', classname: 'multusctl.smoke', timestamp: new Date('2026-01-02T03:04:05.678Z'), properties: { context: 'multusctl-lab', 'nad': 'a&b' } };

/** Undoes escapeXml for the entities it writes (the inverse a parser applies). */
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#10|#13|#9);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#10': '\n', '#13': '\r', '#9': '\t' })[e] ?? '');
}

test('the JUnit XML lists every check with its outcome', () => {
  const xml = toJUnitXml(report, options);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  assert.match(xml, /<testsuite name="multusctl smoke" tests="3" failures="1" errors="0" skipped="1" time="1.234" timestamp="2026-01-02T03:04:05">/);
  assert.match(xml, /<testcase name="attachment-present" classname="multusctl.smoke" time="0.013"\/>/);
  assert.match(xml, /<failure message="ping 10.1.1.3 from pod-a: 100% packet loss &lt;&amp;&gt; &quot;quoted&quot;" type="CheckFailed">/);
  assert.match(xml, /<skipped message="needs ping-net1, which failed"\/>/);
  assert.match(xml, /<property name="nad" value="a&amp;b"\/>/);
  assert.ok(!xml.includes('\u0007'), 'a control character would make the file unreadable');
});

test('the JUnit XML validates against the JUnit schema and reads back', { skip: XMLLINT_SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mctl-junit-'));
  try {
    const file = join(dir, 'report.xml');
    writeFileSync(file, toJUnitXml(report, options));
    assert.equal(junitSchemaErrors(file), undefined);
    assert.equal(xpath(file, 'count(//testcase)'), '3');
    assert.equal(xpath(file, 'string(//testcase[failure]/@name)'), 'ping-net1');
    assert.equal(xpath(file, 'string(//failure/@message)'), 'ping 10.1.1.3 from pod-a: 100% packet loss <&> "quoted"');
    assert.match(xpath(file, 'string(//failure)'), /\[9ms\] error ping: \uFFFDbell/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the schema rejects a file that is not JUnit-shaped (the validator can fail)', { skip: XMLLINT_SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mctl-junit-'));
  try {
    const file = join(dir, 'bad.xml');
    writeFileSync(file, '<testsuites><testsuite name="x"><testcase/></testsuite></testsuites>');
    assert.match(junitSchemaErrors(file) ?? '', /tests|classname|failures|time/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('escapeXml output never holds markup characters and unescapes to the sanitized input (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, attribute) => {
      const escaped = escapeXml(text, attribute);
      assert.ok(!/[<>"']/.test(escaped));
      assert.ok(!/&(?!(amp|lt|gt|quot|apos|#10|#13|#9);)/.test(escaped));
      assert.equal(unescape(escaped), sanitizeXmlChars(text));
    }),
  );
});

test('any report, whatever its messages, makes a schema-valid file (property)', { skip: XMLLINT_SKIP }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mctl-junit-'));
  try {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.string({ minLength: 1, unit: 'binary' }), status: fc.constantFrom('passed', 'failed', 'skipped' as const), messages: fc.array(fc.string({ unit: 'binary' }), { maxLength: 2 }), log: fc.array(fc.string({ unit: 'binary' }), { maxLength: 2 }) }), { maxLength: 4 }),
        (cases) => {
          const r = summarize(cases.map((c) => ({ ...c, title: c.id, durationMs: 1 })), 10);
          const file = join(dir, 'p.xml');
          writeFileSync(file, toJUnitXml(r, options));
          assert.equal(junitSchemaErrors(file), undefined);
          assert.equal(xpath(file, 'count(//testcase)'), String(cases.length));
        },
      ),
      { numRuns: 25 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sanitizeXmlChars keeps every legal character and replaces the rest', () => {
  assert.equal(sanitizeXmlChars('a\tb\nc\rd é 🙂'), 'a\tb\nc\rd é 🙂');
  assert.equal(sanitizeXmlChars('\u0000\u0008\uFFFE\uD800x'), '\uFFFD\uFFFD\uFFFD\uFFFDx');
});
