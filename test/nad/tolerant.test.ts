import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tolerant } from '../../src/nad/tolerant.js';

const fail = (code: number) => async (): Promise<string[]> => {
  throw Object.assign(new Error(`HTTP ${code}`), { code });
};

test('tolerant: a 403 becomes a note and the fallback is used; other failures still throw', async () => {
  const notes: string[] = [];
  assert.deepEqual(await tolerant('pods in all namespaces', fail(403), notes, { what: 'pods in namespace a', list: async () => ['p'] }), ['p']);
  assert.match(notes[0]!, /cannot list pods in all namespaces \(HTTP 403\); using pods in namespace a only/);
  assert.equal(await tolerant('nodes', fail(403), notes), undefined);
  await assert.rejects(tolerant('nodes', fail(401), []), /HTTP 401/);
  assert.deepEqual(await tolerant('nodes', async () => ['n'], []), ['n']);
});
