import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { hasExplicitHost, hostMatches, resolveSshHost } from '../../src/node/ssh-config.js';
import { sudoPrefix } from '../../src/node/transports/ssh.js';
import { resolveSshTarget } from '../../src/node/ssh-target.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellJoin } from '../../src/node/quote.js';
import { hostToken, keyTypeOf, parseKnownHosts, verifyHostKey } from '../../src/node/known-hosts.js';

const CONFIG = `# comment
Host bastion
  HostName 192.0.2.1

Host lab-* !lab-node9
  User admin
  Port=2222
  IdentityFile ~/.ssh/lab_%h

Host *
  User fallback
  IdentityFile ~/.ssh/id_ed25519
Match host never
  User matched
`;

test('ssh_config: patterns, negation, first value wins, IdentityFile accumulates with ~ and %h', () => {
  assert.deepEqual(resolveSshHost(CONFIG, 'lab-node1', '/home/u'), {
    identityFiles: ['/home/u/.ssh/lab_lab-node1', '/home/u/.ssh/id_ed25519'],
    user: 'admin',
    port: 2222,
  });
  assert.deepEqual(resolveSshHost(CONFIG, 'lab-node9', '/home/u'), { identityFiles: ['/home/u/.ssh/id_ed25519'], user: 'fallback' });
  assert.equal(resolveSshHost(CONFIG, 'bastion', '/h').hostName, '192.0.2.1');
  assert.equal(hostMatches(['*.example', '!bad.example'], 'bad.example'), false);
  assert.equal(hasExplicitHost(CONFIG, 'bastion'), true);
  assert.equal(hasExplicitHost(CONFIG, 'lab-node1'), false, 'a wildcard is not an explicit alias');
});

test('known_hosts: plain, [host]:port, hashed and revoked entries', () => {
  const salt = randomBytes(20);
  const token = hostToken('10.0.0.7', 2222);
  assert.equal(token, '[10.0.0.7]:2222');
  const hash = createHmac('sha1', salt).update(token).digest('base64');
  const text = [
    'node1,10.0.0.1 ssh-ed25519 AAAAKEY1',
    `|1|${salt.toString('base64')}|${hash} ssh-ed25519 AAAAKEY7`,
    '@revoked * ssh-rsa AAAABAD',
    '# comment',
    '',
  ].join('\n');
  const entries = parseKnownHosts(text);
  assert.equal(entries.length, 3);
  assert.equal(verifyHostKey(entries, '10.0.0.1', 'ssh-ed25519', 'AAAAKEY1'), 'known');
  assert.equal(verifyHostKey(entries, '10.0.0.1', 'ssh-ed25519', 'AAAAOTHER'), 'changed');
  assert.equal(verifyHostKey(entries, '10.0.0.1', 'ecdsa-sha2-nistp256', 'AAAAE'), 'changed');
  assert.equal(verifyHostKey(entries, token, 'ssh-ed25519', 'AAAAKEY7'), 'known');
  assert.equal(verifyHostKey(entries, '10.0.0.7', 'ssh-ed25519', 'AAAAKEY7'), 'unknown', 'port 22 is another token');
  assert.equal(verifyHostKey(entries, 'node2', 'ssh-rsa', 'AAAABAD'), 'revoked');
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.alloc(36)]);
  assert.equal(keyTypeOf(blob), 'ssh-ed25519');
});

test('ssh: a login that is not root runs each command under sudo -n, quoted as one command line', () => {
  assert.deepEqual(sudoPrefix('0\n'), []);
  assert.deepEqual(sudoPrefix('1000\n'), ['sudo', '-n', '--']);
  assert.equal(shellJoin([...sudoPrefix('1000'), 'nsenter', '--net=/var/run/netns/a b', '--', 'ip', '-j', 'addr']), "sudo -n -- nsenter '--net=/var/run/netns/a b' -- ip -j addr");
});

test('ssh target: flags win, the InternalIP is the default host, a missing --ssh-key is an error', () => {
  const home = '/nonexistent-home';
  const t = resolveSshTarget({ user: 'admin', port: 2200 }, { name: 'worker-1', internalIp: '192.0.2.5' }, { HOME: home, USER: 'me' });
  assert.deepEqual([t.alias, t.host, t.port, t.user, t.knownHostsPath, t.acceptNew], ['192.0.2.5', '192.0.2.5', 2200, 'admin', `${home}/.ssh/known_hosts`, false]);
  assert.equal(resolveSshTarget({}, { name: 'w', internalIp: '192.0.2.5' }, { HOME: home, USER: 'me' }).user, 'me');
  assert.throws(() => resolveSshTarget({ keyFile: '/nonexistent/key' }, { name: 'w', internalIp: '192.0.2.5' }, { HOME: home }), /ssh key file \/nonexistent\/key does not exist/);
  assert.throws(() => resolveSshTarget({}, { name: 'w' }, { HOME: home }), /no InternalIP/);
});

test('ssh_config Include: files under ~/.ssh, globbed, their Host blocks apply', () => {
  const home = mkdtempSync(join(tmpdir(), 'mhome-'));
  try {
    mkdirSync(join(home, '.ssh', 'config.d'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'config'), 'Include config.d/*.conf\nHost *\n  User fallback\n');
    writeFileSync(join(home, '.ssh', 'config.d', '10-lab.conf'), 'Host lab-node1\n  HostName 192.0.2.11\n  Port 2222\n');
    writeFileSync(join(home, '.ssh', 'config.d', 'ignored.txt'), 'Host lab-node1\n  Port 1\n');
    const t = resolveSshTarget({}, { name: 'lab-node1', internalIp: '10.99.0.11' }, { HOME: home });
    assert.deepEqual([t.alias, t.host, t.port, t.user], ['lab-node1', '192.0.2.11', 2222, 'fallback']);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
