/** parseKubeconfig: kubectl's reading of one file, as plain objects (pure: no server, no files read). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKubeconfig } from '../../src/k8s/kubeconfig.js';

const TEXT = `apiVersion: v1
kind: Config
current-context: c
clusters:
- name: k
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: certs/ca.crt
users:
- name: u
  user:
    client-certificate: /abs/client.crt
    client-key: client.key
    tokenFile: token
contexts:
- name: c
  context: {cluster: k, user: u, namespace: team}
- name: c
  context: {cluster: ignored, user: ignored}
`;

test('file paths become absolute against the file’s directory; the first entry of a name wins', async () => {
  const kc = await parseKubeconfig(TEXT, '/home/me/.kube', '/home/me/.kube/config');
  assert.equal(kc.currentContext, 'c');
  assert.deepEqual(kc.clusters.get('k'), { server: 'https://127.0.0.1:6443', 'certificate-authority': '/home/me/.kube/certs/ca.crt' });
  assert.deepEqual(kc.users.get('u'), { 'client-certificate': '/abs/client.crt', 'client-key': '/home/me/.kube/client.key', tokenFile: '/home/me/.kube/token' });
  assert.deepEqual(kc.contexts.get('c'), { cluster: 'k', user: 'u', namespace: 'team' });
});

test('anchors and aliases (which the fast reader declines) read the same through the yaml library', async () => {
  const withAlias = TEXT.replace('    server: https://127.0.0.1:6443', '    server: &srv https://127.0.0.1:6443\n    extensions: [{name: copy, extension: {server: *srv}}]');
  const kc = await parseKubeconfig(withAlias, '/d');
  assert.equal(kc.clusters.get('k')?.server, 'https://127.0.0.1:6443');
  assert.deepEqual(kc.clusters.get('k')?.extensions, [{ name: 'copy', extension: { server: 'https://127.0.0.1:6443' } }]);
});

test('an empty file has nothing; bad input is an Error saying what is wrong', async () => {
  const empty = await parseKubeconfig('', '/d');
  assert.equal(empty.contexts.size + empty.clusters.size + empty.users.size, 0);
  await assert.rejects(parseKubeconfig('clusters: [unclosed', '/d'), /Flow sequence|unclosed|end/i);
  await assert.rejects(parseKubeconfig('- just\n- a list\n', '/d'), /not a mapping/);
  await assert.rejects(parseKubeconfig('clusters: {k: 1}\n', '/d'), /clusters must be a list/);
  await assert.rejects(parseKubeconfig('users:\n- user: {token: t}\n', '/d'), /users\[0\] has no name/);
});

test('the request carries the kubeconfig user’s token and impersonation (as, as-groups), over plain http too', async () => {
  const { createServer } = await import('node:http');
  const { kubeHttp } = await import('../../src/k8s/http.js');
  const seen: import('node:http').IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.setHeader('content-type', 'application/json');
    res.end('{"kind":"Status","status":"Success"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const kc = await parseKubeconfig(`clusters: [{name: k, cluster: {server: '${url}'}}]\nusers: [{name: u, user: {token: t0k, as: jane, as-groups: [devs, ops]}}]\ncontexts: [{name: c, context: {cluster: k, user: u}}]\ncurrent-context: c\n`, '/d');
    const http = kubeHttp({ config: kc, contextName: 'c', namespace: 'default', server: url, cluster: kc.clusters.get('k')!, user: kc.users.get('u')!, source: 'test' });
    assert.deepEqual(await http.json('GET', '/api/v1/namespaces/default', { query: { limit: 5, continue: undefined } }), { kind: 'Status', status: 'Success' });
    assert.equal(seen[0]?.authorization, 'Bearer t0k');
    assert.equal(seen[0]?.['impersonate-user'], 'jane');
    assert.equal(seen[0]?.['impersonate-group'], 'devs, ops');
  } finally {
    server.close();
  }
});
