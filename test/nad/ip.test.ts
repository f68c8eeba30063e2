/** The hand-written IPv4 scan accepts and rejects exactly what the dotted-quad rule says. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCidr, parseIp } from '../../src/nad/ip.js';

/** The rule as a regex (what the scan replaced): four groups of 1-3 digits, ≤ 255, no leading zero. */
function byRule(text: string): bigint | 'not-v4' | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return 'not-v4';
  const parts = m.slice(1);
  if (parts.some((p) => (p.length > 1 && p.startsWith('0')) || Number(p) > 255)) return undefined;
  return parts.reduce((v, p) => v * 256n + BigInt(p), 0n);
}

test('IPv4 addresses: the scan agrees with the dotted-quad rule on digit-and-dot strings', () => {
  const text = fc.array(fc.constantFrom('0', '1', '2', '5', '9', '25', '255', '256', '00', '01', '.', '.', '1234', ':', 'a'), { maxLength: 10 }).map((a) => a.join(''));
  fc.assert(
    fc.property(text, (t) => {
      const want = byRule(t);
      const got = parseIp(t);
      if (want === 'not-v4') assert.ok(got === undefined || got.family === 6, t);
      else assert.deepEqual(got, want === undefined ? undefined : { family: 4, value: want }, t);
      if (want !== 'not-v4' && want !== undefined) assert.equal(parseCidr(`${t}/32`)?.first, want, t);
    }),
    { numRuns: 2000 },
  );
  for (const [t, want] of [['255.255.255.255', 4294967295n], ['0.0.0.0', 0n], ['1.2.3.4.', 'not-v4'], ['1..2.3', 'not-v4'], ['1.2.3.04', undefined], ['1.2.3.256', undefined]] as const) {
    assert.deepEqual(byRule(t), want, t);
    assert.deepEqual(parseIp(t)?.value, want === 'not-v4' ? undefined : want, t);
  }
});
