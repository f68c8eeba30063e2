// The add benchmark's floor: a bare Node process that makes the same API requests `multusctl add`
// makes for the bridge + macvlan pod (GET pod, the two NAD lookups, two AddedInterface events,
// network-status by UpdateStatus), in the same order on one keep-alive TLS connection, and
// nothing else: no kubeconfig parsing, no engine, no plugin. What it costs over `node -e 0` is what
// any Node 20 client pays for that traffic to this server (loading node:https, the TLS handshake,
// the server's own time), so add − its execs − this is multusctl's own share. Plain CommonJS, not
// compiled, so the floor pays nothing for an ESM entry or a build. Not a benchmark itself:
// bench/add.ts runs it with FLOOR_SPEC in the environment.
'use strict';
const { Agent, request } = require('node:https');

/** { server, caCertPem, token, namespace, pod, nads: ['ns/network-attachment-definitions/name', …] } */
const spec = JSON.parse(process.env.FLOOR_SPEC || '');
const agent = new Agent({ keepAlive: true, ca: spec.caCertPem });

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${spec.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const req = request(`${spec.server}${path}`, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode || 0;
        if (status >= 400 && status !== 404) reject(new Error(`${method} ${path}: HTTP ${status} ${text}`));
        else resolve(text === '' ? undefined : JSON.parse(text));
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function main() {
  const podPath = `/api/v1/namespaces/${spec.namespace}/pods/${spec.pod}`;
  const pod = await call('GET', podPath);
  for (const nad of spec.nads) await call('GET', `/apis/k8s.cni.cncf.io/v1/namespaces/${nad}`);
  const event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { generateName: `${spec.pod}.`, namespace: spec.namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: spec.pod, namespace: spec.namespace },
    reason: 'AddedInterface',
    message: 'Add net1 [192.0.2.2/24] from default/floor',
    type: 'Normal',
    source: { component: 'multus' },
  };
  await call('POST', `/api/v1/namespaces/${spec.namespace}/events`, event);
  await call('POST', `/api/v1/namespaces/${spec.namespace}/events`, event);
  pod.metadata.annotations = { ...pod.metadata.annotations, 'k8s.v1.cni.cncf.io/network-status': '[]' };
  await call('PUT', `${podPath}/status`, pod);
  agent.destroy();
}

main().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
