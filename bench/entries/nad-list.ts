/**
 * The `multusctl nad list`-like process the api-list benchmark times once bundled: load the
 * Kubernetes client through the same dynamic import BaseCommand uses, connect, list NADs, print JSON.
 * Not a benchmark itself (no `run` export).
 */
const kubeconfig = process.argv[2];
const { connect } = await import('../../src/k8s/client.js');
const cluster = await connect({ kubeconfig, env: process.env });
const nads = await cluster.nads.list({ namespace: cluster.namespace });
process.stdout.write(`${JSON.stringify(nads.map((n) => n.metadata.name))}\n`);
