/** BaseCommand.cluster(): the global flags reach connect(), the result is memoised, --debug traces. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BaseCommand } from '../../src/cli/base-command.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

class Probe extends BaseCommand<typeof Probe> {
  static override summary = 'test probe';
  async run(): Promise<{ namespace: string; context: string; same: boolean; pods: number }> {
    const a = await this.cluster();
    const b = await this.cluster();
    return { namespace: a.namespace, context: a.contextName, same: a === b, pods: (await a.pods.list({ namespace: a.namespace })).length };
  }
}

describe('BaseCommand.cluster()', () => {
  let s: TestApiServer;
  before(async () => {
    s = await startTestApiServer();
  });
  after(() => s.close());

  it('connects with --kubeconfig and -n once per command', async () => {
    const out = await Probe.run(['--kubeconfig', s.kubeconfigPath, '-n', 'kube-system'], ROOT);
    assert.deepEqual(out, { namespace: 'kube-system', context: 'multusctl-test', same: true, pods: 0 });
  });

  it('traces API calls to stderr under --debug, without the token', async () => {
    const chunks: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await Probe.run(['--kubeconfig', s.kubeconfigPath, '--debug', '--no-color'], ROOT);
    } finally {
      process.stderr.write = write;
    }
    const text = chunks.join('');
    assert.match(text, /api: GET https:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/default\/pods 200 \d+ms/);
    assert.ok(!text.includes(s.token));
  });
});
