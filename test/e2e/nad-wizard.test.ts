/**
 * The nad create wizard on a real pseudo-terminal (util-linux `script`): it asks for what the flags
 * left open, answers are typed like a user would, and the dry-run manifest carries them.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI } from './helpers.js';

const SCRIPT = '/usr/bin/script';

/** Runs argv under a pty; each step waits for its prompt text, then types its keys. */
function onPty(argv: string[], steps: Array<[RegExp, string]>, stdoutFile: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const quote = (a: string): string => `'${a.replaceAll("'", "'\\''")}'`;
    const command = `${argv.map(quote).join(' ')} > ${quote(stdoutFile)}`;
    const child = spawn(SCRIPT, ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, TERM: 'xterm', NO_COLOR: '1' } });
    let out = '';
    let next = 0;
    let seen = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const step = steps[next];
      if (step !== undefined && step[0].test(out.slice(seen))) {
        next += 1;
        seen = out.length;
        setTimeout(() => child.stdin.write(step[1]), 150);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test('nad create asks for the missing flags on a terminal (on stderr) and builds the NAD from the answers', { skip: existsSync(SCRIPT) ? false : `${SCRIPT} (util-linux) not found` }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nad-wizard-'));
  const outFile = join(dir, 'nad.json');
  try {
    const r = await onPty([process.execPath, CLI, 'nad', 'create', 'wiz', '--type', 'macvlan', '--ipam', 'host-local', '--dry-run', '-o', 'json'], [
      [/master interface on the node/, 'eth3\r'],
      [/macvlan mode/, '\r'],
      [/subnet \(CIDR\)/, '10.77.0.0/24\r'],
      [/first address/, '10.77.0.10\r'],
      [/last address/, '\r'],
      [/gateway/, '10.77.0.1\r'],
    ], outFile);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /gateway \(empty: none\)/, 'the questions went to the terminal');
    // stdout was redirected: it holds the manifest alone, no prompt text.
    const nad = JSON.parse(readFileSync(outFile, 'utf8')) as { metadata: { name: string }; spec: { config: string } };
    assert.equal(nad.metadata.name, 'wiz');
    assert.deepEqual(JSON.parse(nad.spec.config), {
      cniVersion: '1.0.0', name: 'wiz', type: 'macvlan', master: 'eth3', mode: 'bridge',
      ipam: { type: 'host-local', subnet: '10.77.0.0/24', rangeStart: '10.77.0.10', gateway: '10.77.0.1' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
