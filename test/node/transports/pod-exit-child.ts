/**
 * A process that opens a pod node helper and then either forgets to close it ("forgotten": the
 * event loop runs dry) or waits to be killed ("signal"). Run by pod.test.ts, which checks that the
 * helper pod is deleted either way. Args: KUBECONFIG NODE MODE.
 */
import { connect } from '../../../src/k8s/client.js';
import { PodHelper } from '../../../src/node/transports/pod.js';

const [kubeconfig, node, mode] = process.argv.slice(2);
const cluster = await connect({ kubeconfig, namespace: 'default', env: {} });
const helper = new PodHelper(cluster, node!);
const r = await helper.runOnNode(['true']);
process.stdout.write(`${helper.podName} ${r.exitCode}\n`);
if (mode === 'signal') setInterval(() => {}, 60_000);
