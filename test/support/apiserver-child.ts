/**
 * The lab API server as a child process, for crash tests and benchmarks:
 * `node dist/test/support/apiserver-child.js DIR` prints one JSON line {url, port, token, caCertPem}
 * once it listens, and runs until killed.
 */
import { startApiServer } from '../../src/lab/apiserver/index.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: apiserver-child DIR\n');
  process.exit(2);
}
const server = await startApiServer({ dir });
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, token: server.token, caCertPem: server.caCertPem })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
