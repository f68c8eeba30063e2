/**
 * libcni's GC (src/cni/libcni.ts gcNetworkList) with real processes: a shell plugin that logs each
 * call (command, CNI_* environment, stdin) in a temp directory, and a real result cache. A stale
 * attachment of the network gets a DEL with what its cache entry recorded and leaves the cache; a
 * valid one, and other networks' entries, stay. From CNI 1.1.0 on each plugin gets GC with the
 * valid attachments; before it, no GC call; `disableGC` leaves everything alone; failures are all
 * reported in one error.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gcNetworkList, type CniConfig } from '../../src/cni/libcni.js';
import { cacheFilePath, writeCacheEntry } from '../../src/cni/cache.js';
import { networkConfigList } from '../../src/cni/conf.js';
import { localPluginExec } from '../../src/cni/local-exec.js';
import { CniError } from '../../src/cni/errors.js';

const root = mkdtempSync(join(tmpdir(), 'cni-gc-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Call {
  command: string;
  containerId: string;
  ifName: string;
  netns: string;
  args: string;
  stdin: Record<string, unknown>;
}

let made = 0;
/** A bin dir with the logging plugin `probe` (it fails while `failMarker` exists) and a cache dir. */
function setup(): { cfg: CniConfig; failMarker: string; calls: () => Call[] } {
  made += 1;
  const dir = join(root, `case${made}`);
  const bin = join(dir, 'bin');
  const log = join(dir, 'log');
  const failMarker = join(dir, 'fail');
  mkdirSync(bin, { recursive: true });
  writeFileSync(log, '');
  const plugin = join(bin, 'probe');
  writeFileSync(
    plugin,
    [
      '#!/bin/sh',
      'stdin=$(cat)',
      `printf '%s|%s|%s|%s|%s\\t%s\\n' "$CNI_COMMAND" "$CNI_CONTAINERID" "$CNI_IFNAME" "$CNI_NETNS" "$CNI_ARGS" "$stdin" >> '${log}'`,
      `if [ -e '${failMarker}' ]; then echo '{"cniVersion":"1.1.0","code":11,"msg":"probe says no"}'; exit 1; fi`,
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(plugin, 0o755);
  const cfg: CniConfig = { exec: localPluginExec(), path: [bin], cacheDir: join(dir, 'cache'), timeoutMs: 10_000 };
  const calls = (): Call[] =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const tab = l.indexOf('\t');
        const [command, containerId, ifName, netns, args] = l.slice(0, tab).split('|') as [string, string, string, string, string];
        return { command, containerId, ifName, netns, args, stdin: JSON.parse(l.slice(tab + 1)) as Record<string, unknown> };
      });
  return { cfg, failMarker, calls };
}

const list = (cniVersion: string, extra: Record<string, unknown> = {}) => networkConfigList({ cniVersion, name: 'clusternet', plugins: [{ type: 'probe', marker: 'one' }, { type: 'probe', marker: 'two' }], ...extra });

/** Three cache entries: a valid and a stale attachment of clusternet, and one of another network. */
async function seed(cfg: CniConfig, cniVersion: string): Promise<void> {
  const config = { cniVersion, name: 'clusternet', plugins: [{ type: 'probe' }] };
  const result = { cniVersion, interfaces: [{ name: 'eth0', sandbox: '/var/run/netns/x' }], ips: [] };
  await writeCacheEntry(cfg.cacheDir, { networkName: 'clusternet', containerId: 'alive', ifName: 'eth0', config, netns: '/var/run/netns/alive', result });
  await writeCacheEntry(cfg.cacheDir, {
    networkName: 'clusternet',
    containerId: 'gone',
    ifName: 'eth0',
    config,
    netns: '/var/run/netns/gone',
    cniArgs: [['K8S_POD_NAME', 'old']],
    result,
  });
  await writeCacheEntry(cfg.cacheDir, { networkName: 'othernet', containerId: 'gone', ifName: 'net1', config: { ...config, name: 'othernet' }, result });
}

const ALIVE = [{ containerID: 'alive', ifname: 'eth0' }];
const entry = (cfg: CniConfig, networkName: string, containerId: string, ifName: string): boolean => existsSync(cacheFilePath(cfg.cacheDir, { networkName, containerId, ifName }));

test('a stale attachment of the network gets a DEL from its cache entry (reverse order) and leaves the cache; then GC on each plugin with the valid attachments', async () => {
  const { cfg, calls } = setup();
  await seed(cfg, '1.1.0');
  await gcNetworkList(cfg, list('1.1.0'), ALIVE);
  const seen = calls();
  assert.deepEqual(
    seen.map((c) => [c.command, c.containerId, c.ifName, c.netns, c.args, c.stdin.marker]),
    [
      ['DEL', 'gone', 'eth0', '/var/run/netns/gone', 'K8S_POD_NAME=old', 'two'],
      ['DEL', 'gone', 'eth0', '/var/run/netns/gone', 'K8S_POD_NAME=old', 'one'],
      ['GC', '', '', '', '', 'one'],
      ['GC', '', '', '', '', 'two'],
    ],
  );
  const gc = seen[2]!.stdin;
  assert.deepEqual(gc['cni.dev/valid-attachments'], ALIVE);
  assert.deepEqual(gc['cni.dev/attachments'], ALIVE, 'the key libcni still writes beside the spec’s');
  assert.deepEqual([gc.name, gc.cniVersion, gc.type], ['clusternet', '1.1.0', 'probe']);
  assert.equal(entry(cfg, 'clusternet', 'gone', 'eth0'), false, 'the stale entry is gone');
  assert.equal(entry(cfg, 'clusternet', 'alive', 'eth0'), true, 'the valid entry stays');
  assert.equal(entry(cfg, 'othernet', 'gone', 'net1'), true, 'another network’s entry is not this GC’s');
});

test('before CNI 1.1.0 only the stale DEL runs (no plugin knows GC); disableGC leaves even that', async () => {
  const old = setup();
  await seed(old.cfg, '1.0.0');
  await gcNetworkList(old.cfg, list('1.0.0'), ALIVE);
  assert.deepEqual(old.calls().map((c) => c.command), ['DEL', 'DEL']);
  assert.equal(entry(old.cfg, 'clusternet', 'gone', 'eth0'), false);

  const off = setup();
  await seed(off.cfg, '1.1.0');
  await gcNetworkList(off.cfg, list('1.1.0', { disableGC: true }), ALIVE);
  assert.deepEqual(off.calls(), []);
  assert.equal(entry(off.cfg, 'clusternet', 'gone', 'eth0'), true);
});

test('every failure is reported in one error, and the other calls still run', async () => {
  const { cfg, failMarker, calls } = setup();
  await seed(cfg, '1.1.0');
  writeFileSync(failMarker, '');
  await assert.rejects(gcNetworkList(cfg, list('1.1.0'), ALIVE), (err: unknown) => {
    assert.ok(err instanceof CniError);
    const lines = err.message.split('\n');
    assert.equal(lines.length, 3, err.message);
    assert.match(lines[0]!, /^failed to delete stale attachment gone eth0: .*probe says no/);
    assert.match(lines[1]!, /^failed to GC plugin probe: .*probe says no/);
    assert.match(lines[2]!, /^failed to GC plugin probe: .*probe says no/);
    return true;
  });
  assert.deepEqual(calls().map((c) => c.command), ['DEL', 'GC', 'GC'], 'a failed DEL stops that list, not the GC');
  assert.equal(entry(cfg, 'clusternet', 'gone', 'eth0'), true, 'a DEL that failed keeps its cache entry');
});
