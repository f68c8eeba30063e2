import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { CliError } from '../../src/cli/errors.js';
import { connect } from '../../src/k8s/client.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';

/** A kubeconfig with one context per entry, all pointing at the test server. */
function kubeconfig(s: TestApiServer, contexts: Array<{ name: string; namespace?: string; token?: string }>, current?: string): string {
  const ca = Buffer.from(s.caCertPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({ name: c.name, cluster: { server: s.url, 'certificate-authority-data': ca } })),
    users: contexts.map((c) => ({ name: c.name, user: { token: c.token ?? s.token } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
    'current-context': current ?? contexts[0]!.name,
  });
}

describe('kubeconfig resolution (like kubectl)', () => {
  let s: TestApiServer;
  let dir: string;
  before(async () => {
    s = await startTestApiServer();
    dir = await mkdtemp(join(tmpdir(), 'multusctl-kc-'));
  });
  after(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uses --kubeconfig before KUBECONFIG and HOME', async () => {
    const flag = join(dir, 'flag.yaml');
    await writeFile(flag, kubeconfig(s, [{ name: 'from-flag' }]));
    const c = await connect({ kubeconfig: flag, env: { KUBECONFIG: join(dir, 'missing'), HOME: join(dir, 'nohome') } });
    assert.equal(c.contextName, 'from-flag');
    assert.ok(await c.namespaces.exists('default'));
  });

  it('merges a KUBECONFIG list: the first file to set current-context or a name wins, missing files are skipped', async () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    await writeFile(a, kubeconfig(s, [{ name: 'shared', namespace: 'kube-system' }], 'shared'));
    await writeFile(b, kubeconfig(s, [{ name: 'shared', namespace: 'kube-public', token: 'wrong' }, { name: 'only-b', namespace: 'kube-public' }], 'only-b'));
    const c = await connect({ env: { KUBECONFIG: [join(dir, 'missing.yaml'), a, b].join(':') } });
    assert.equal(c.contextName, 'shared');
    assert.equal(c.namespace, 'kube-system');
    assert.ok(await c.namespaces.exists('default'), 'the first file’s user (valid token) wins');
    const onlyB = await connect({ context: 'only-b', env: { KUBECONFIG: `${a}:${b}` } });
    assert.equal(onlyB.namespace, 'kube-public');
    assert.ok(await onlyB.namespaces.exists('default'));
  });

  it('resolves a relative certificate-authority path against the kubeconfig file’s directory', async () => {
    const sub = join(dir, 'rel');
    await mkdir(sub, { recursive: true });
    await writeFile(join(sub, 'ca.crt'), s.caCertPem);
    await writeFile(
      join(sub, 'config'),
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'rel', cluster: { server: s.url, 'certificate-authority': 'ca.crt' } }],
        users: [{ name: 'rel', user: { token: s.token } }],
        contexts: [{ name: 'rel', context: { cluster: 'rel', user: 'rel' } }],
        'current-context': 'rel',
      }),
    );
    const c = await connect({ env: { KUBECONFIG: join(sub, 'config') } });
    assert.ok(await c.namespaces.exists('default'));
  });

  /** A one-context kubeconfig in its own directory, with the given user entry. */
  async function withUser(name: string, user: object): Promise<string> {
    const sub = join(dir, name);
    await mkdir(sub, { recursive: true });
    const path = join(sub, 'config');
    const ca = Buffer.from(s.caCertPem).toString('base64');
    await writeFile(path, stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name, cluster: { server: s.url, 'certificate-authority-data': ca } }], users: [{ name, user }], contexts: [{ name, context: { cluster: name, user: name } }], 'current-context': name }));
    return path;
  }

  it('reads a tokenFile relative to the kubeconfig, again for each request (rotated tokens)', async () => {
    const path = await withUser('token-file', { tokenFile: 'token' });
    await writeFile(join(dir, 'token-file', 'token'), 'not-yet-valid\n');
    const c = await connect({ kubeconfig: path, env: {} });
    await assert.rejects(c.namespaces.exists('default'), (err: unknown) => err instanceof CliError && err.exitCode === 3 && /401/.test(err.message));
    await writeFile(join(dir, 'token-file', 'token'), `${s.token}\n`);
    assert.ok(await c.namespaces.exists('default'));
  });

  it('gets the token from an exec credential plugin (through client-node), as kubectl does', async () => {
    const plugin = join(dir, 'credential-plugin.sh');
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: s.token } });
    await writeFile(plugin, `#!/bin/sh\nprintf '%s' '${credential}'\n`, { mode: 0o755 });
    const path = await withUser('exec-user', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } });
    const c = await connect({ kubeconfig: path, env: {} });
    assert.ok(await c.namespaces.exists('default'));
  });

  it('fails with exit 3 naming the file when a certificate file named by the kubeconfig is missing', async () => {
    const path = await withUser('missing-cert', { token: s.token, 'client-certificate': 'client.crt', 'client-key': 'client.key' });
    const c = await connect({ kubeconfig: path, env: {} });
    await assert.rejects(c.namespaces.exists('default'), (err: unknown) => {
      assert.ok(err instanceof CliError);
      assert.equal(err.exitCode, 3);
      assert.equal(err.message.startsWith(`cannot read the client-certificate file ${join(dir, 'missing-cert', 'client.crt')} named by the kubeconfig`), true, err.message);
      return true;
    });
  });

  it('falls back to $HOME/.kube/config', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.kube'), { recursive: true });
    await writeFile(join(home, '.kube', 'config'), kubeconfig(s, [{ name: 'home-ctx' }]));
    const c = await connect({ env: { HOME: home } });
    assert.equal(c.contextName, 'home-ctx');
    assert.ok(await c.namespaces.exists('default'));
  });

  it('falls back to the in-cluster service account (KUBERNETES_SERVICE_HOST/PORT)', async () => {
    const sa = join(dir, 'sa');
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, 'token'), `${s.token}\n`);
    await writeFile(join(sa, 'ca.crt'), s.caCertPem);
    await writeFile(join(sa, 'namespace'), 'kube-system');
    const port = new URL(s.url).port;
    const c = await connect({ env: { HOME: join(dir, 'empty-home'), KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, serviceAccountDir: sa });
    assert.equal(c.contextName, 'in-cluster');
    assert.equal(c.namespace, 'kube-system');
    assert.equal(c.server, s.url);
    assert.ok(await c.namespaces.exists('kube-system'));
  });

  it('falls back last to the default lab kubeconfig (MULTUSCTL_LAB_DIR, else ~/.multusctl/lab)', async () => {
    const home = join(dir, 'lab-home');
    await mkdir(join(home, '.multusctl', 'lab'), { recursive: true });
    await writeFile(join(home, '.multusctl', 'lab', 'kubeconfig'), kubeconfig(s, [{ name: 'multusctl-lab' }]));
    const c = await connect({ env: { HOME: home } });
    assert.equal(c.contextName, 'multusctl-lab');
    assert.ok(await c.namespaces.exists('default'));
    const labDirEnv = join(dir, 'other-lab');
    await mkdir(labDirEnv, { recursive: true });
    await writeFile(join(labDirEnv, 'kubeconfig'), kubeconfig(s, [{ name: 'env-lab' }]));
    assert.equal((await connect({ env: { HOME: home, MULTUSCTL_LAB_DIR: labDirEnv } })).contextName, 'env-lab');
    // ~/.kube/config still wins over the lab.
    await mkdir(join(home, '.kube'), { recursive: true });
    await writeFile(join(home, '.kube', 'config'), kubeconfig(s, [{ name: 'home-ctx' }]));
    assert.equal((await connect({ env: { HOME: home } })).contextName, 'home-ctx');
  });

  it('fails with exit 3 and a hint when there is no kubeconfig at all', async () => {
    await assert.rejects(connect({ env: { HOME: join(dir, 'empty-home') } }), (err: unknown) => {
      assert.ok(err instanceof CliError);
      assert.equal(err.exitCode, 3);
      assert.match(err.hint ?? '', /--kubeconfig|lab up/);
      return true;
    });
  });

  it('selects --context, and the namespace from -n, else the context’s, else default', async () => {
    const path = join(dir, 'multi.yaml');
    await writeFile(path, kubeconfig(s, [{ name: 'one' }, { name: 'two', namespace: 'kube-public' }]));
    assert.equal((await connect({ kubeconfig: path, env: {} })).namespace, 'default');
    const two = await connect({ kubeconfig: path, context: 'two', env: {} });
    assert.equal(two.contextName, 'two');
    assert.equal(two.namespace, 'kube-public');
    assert.equal((await connect({ kubeconfig: path, context: 'two', namespace: 'kube-system', env: {} })).namespace, 'kube-system');
    await assert.rejects(connect({ kubeconfig: path, context: 'three', env: {} }), (err: unknown) => {
      assert.ok(err instanceof CliError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /context "three" is not in the kubeconfig/);
      assert.match(err.hint ?? '', /one, two/);
      return true;
    });
  });
});
