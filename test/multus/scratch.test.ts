import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScratch, removeScratch, saveScratch, scratchPath } from '../../src/multus/scratch.js';
import { loadDelegate } from '../../src/multus/delegate.js';

test('scratch file: 0600 in a 0700 dir, upstream field names, round trip', async () => {
  const base = mkdtempSync(join(tmpdir(), 'multus-scratch-'));
  try {
    const cniDir = join(base, 'multus');
    const master = loadDelegate({ cniVersion: '1.0.0', name: 'cbr0', plugins: [{ type: 'bridge' }] }, { origin: 'file x' });
    master.master = true;
    const extra = loadDelegate(
      { cniVersion: '1.0.0', type: 'macvlan' },
      { element: { name: 'm', namespace: 'default', interface: 'ext0', mac: '02:00:00:00:00:01', ips: ['10.0.0.5/24'], defaultRoute: ['10.0.0.1'], portMappings: [{ hostPort: 1, containerPort: 2 }] }, origin: 'NAD default/m' },
    );
    extra.filterV6Gateway = true;
    const path = await saveScratch(cniDir, 'cid1', [master, extra]);
    assert.equal(path, scratchPath(cniDir, 'cid1'));
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(cniDir).mode & 0o777, 0o700);
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
    assert.deepEqual(Object.keys(raw[1]!).slice(0, 3), ['Conf', 'ConfList', 'Name']);
    assert.equal(raw[1]!.Name, 'default/m');
    assert.equal(raw[1]!.ifnameRequest, 'ext0');
    assert.deepEqual(raw[1]!['default-route'], ['10.0.0.1']);
    assert.deepEqual(JSON.parse(Buffer.from(String(raw[0]!.Bytes), 'base64').toString()), master.config);
    const back = await loadScratch(cniDir, 'cid1');
    assert.equal(back.state, 'ok');
    if (back.state !== 'ok') return;
    assert.deepEqual(back.delegates.map((d) => [d.name, d.master, d.isConfList, d.ifnameRequest, d.filterV6Gateway]), [
      ['cbr0', true, true, undefined, false],
      ['default/m', false, false, 'ext0', true],
    ]);
    assert.deepEqual(back.delegates[1]!.portMappingsRequest, [{ hostPort: 1, containerPort: 2 }]);
    await removeScratch(cniDir, 'cid1');
    assert.equal((await loadScratch(cniDir, 'cid1')).state, 'missing');
    await removeScratch(cniDir, 'cid1');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('scratch file written by upstream multus (no multusctl fields) is read; garbage is "corrupt"', async () => {
  const base = mkdtempSync(join(tmpdir(), 'multus-scratch-'));
  try {
    const conf = { cniVersion: '0.3.1', name: 'macvlan-conf', type: 'macvlan' };
    const upstream = [
      { Conf: { cniVersion: '', name: '', type: '' }, ConfList: { cniVersion: '0.3.1', name: 'k8s', plugins: [{ type: 'bridge' }] }, Name: 'k8s', IsFilterV4Gateway: false, IsFilterV6Gateway: false, Bytes: Buffer.from('{"cniVersion":"0.3.1","name":"k8s","plugins":[{"type":"bridge"}]}').toString('base64') },
      { Conf: conf, ConfList: { cniVersion: '', name: '', plugins: null }, Name: 'default/macvlan-conf', ifnameRequest: 'net9', IsFilterV4Gateway: true, IsFilterV6Gateway: true, Bytes: Buffer.from(JSON.stringify(conf)).toString('base64') },
    ];
    writeFileSync(join(base, 'abc'), JSON.stringify(upstream));
    const got = await loadScratch(base, 'abc');
    assert.equal(got.state, 'ok');
    if (got.state === 'ok') {
      assert.deepEqual(got.delegates.map((d) => [d.name, d.master, d.isConfList, d.ifnameRequest, d.filterV4Gateway]), [
        ['k8s', true, true, undefined, false],
        ['default/macvlan-conf', false, false, 'net9', true],
      ]);
    }
    writeFileSync(join(base, 'bad'), '{not json');
    assert.equal((await loadScratch(base, 'bad')).state, 'corrupt');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
