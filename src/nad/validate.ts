/**
 * `nad validate` as a library call: NADs from files/stdin or from the cluster, cluster facts when
 * the NADs come from the cluster, node facts when a node is given, then the linter. The cluster is
 * reached only through the injected getter, so validating files never loads the Kubernetes client.
 */
import type { Cluster } from '../k8s/ports.js';
import type { NodeHelper } from '../node/helper.js';
import { gatherClusterFacts } from './cluster-facts.js';
import type { LintFacts } from './facts.js';
import { readNadInputs } from './input.js';
import { lintDocuments } from './lint.js';
import { gatherNodeFacts } from './node-facts.js';
import type { LintReport, NadDocument } from './types.js';

export interface ValidateRequest {
  files: string[];
  allNamespaces: boolean;
  serviceCidrs?: string[];
  /** Node checks (NAD011) on this node. */
  node?: string;
  binDir: string;
  getCluster: () => Promise<Cluster>;
  /** Opens a node helper (the node engineer's factory), given the cluster and the node name. */
  openNode?: (cluster: Cluster, node: string) => Promise<NodeHelper>;
  stdin?: () => Promise<string>;
}

export async function validateNads(req: ValidateRequest): Promise<LintReport> {
  const notes: string[] = [];
  const facts: LintFacts = {};
  let docs: NadDocument[];
  if (req.files.length > 0) {
    docs = await readNadInputs(req.files, req.stdin);
  } else {
    const cluster = await req.getCluster();
    const nads = await cluster.nads.list(req.allNamespaces ? {} : { namespace: cluster.namespace });
    docs = nads.map((nad, index) => ({ nad, source: { index } }));
    const gathered = await gatherClusterFacts(cluster, { namespace: cluster.namespace, serviceCidrs: req.serviceCidrs });
    facts.cluster = gathered.facts;
    notes.push(...gathered.notes);
    if (docs.length === 0) notes.push(`no NetworkAttachmentDefinitions in ${req.allNamespaces ? 'any namespace' : `namespace ${cluster.namespace}`}`);
  }
  if (req.node !== undefined && req.openNode !== undefined) {
    const cluster = await req.getCluster();
    const helper = await req.openNode(cluster, req.node);
    try {
      const gathered = await gatherNodeFacts(helper, req.binDir);
      facts.node = gathered.facts;
      notes.push(...gathered.notes);
    } finally {
      await helper.close();
    }
  }
  return lintDocuments(docs, { ...facts, notes });
}
