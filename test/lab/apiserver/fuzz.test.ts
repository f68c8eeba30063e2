/** Odd requests get a Status answer (4xx), never a 500 or a dropped connection. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { apiRequest, startTestApiServer, type TestApiServer } from '../../support/apiserver.js';

describe('lab API server with odd requests', () => {
  let s: TestApiServer;
  before(async () => {
    s = await startTestApiServer();
  });
  after(() => s.close());

  it('property: random paths, methods and bodies are answered with a 2xx or a 4xx Status', async () => {
    const segment = fc.oneof(
      fc.constantFrom('api', 'apis', 'v1', 'namespaces', 'default', 'pods', 'status', 'binding', 'log', 'exec', 'nodes', 'k8s.cni.cncf.io', 'network-attachment-definitions', 'apps', 'daemonsets', '%', '%zz', '..', 'x y'),
      fc.stringMatching(/^[a-z0-9-]{1,8}$/),
    );
    const body = fc.oneof(fc.constant(undefined), fc.constant('{'), fc.constant('[]'), fc.constant('null'), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant('{"metadata":{"name":"fz"},"spec":{"containers":[{"name":"c","image":"i"}]}}'));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 7 }), fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), body, fc.constantFrom('application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/vnd.kubernetes.protobuf'), async (parts, method, text, contentType) => {
        const path = `/${parts.join('/').replaceAll(' ', '%20')}`;
        const r = await apiRequest(s, method, path, { body: text, contentType });
        assert.ok(r.status < 500, `${method} ${path} ${contentType} ${text}: ${r.status} ${r.text}`);
        if (r.status >= 400) assert.equal(r.json?.kind, 'Status', `${method} ${path}: ${r.text}`);
      }),
      { numRuns: 300 },
    );
  });
});
