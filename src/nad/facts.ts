/**
 * The facts cluster-mode and node-mode rules need, as plain data. Gatherers (cluster-facts.ts,
 * node-facts.ts) fill them from the Cluster port or a NodeHelper; the rules stay pure.
 */
import type { NetworkSelectionElement } from '../multus/annotation.js';

/** A pod that references NADs through its networks annotation. */
export interface PodUsage {
  namespace: string;
  name: string;
  /** The parsed networks annotation (namespaces already defaulted to the pod's). */
  networks: NetworkSelectionElement[];
  /** Extended resources the pod's containers request or limit (e.g. intel.com/sriov). */
  resources: string[];
}

export interface ClusterFacts {
  /** The namespace of NADs read without one (the command's namespace). */
  namespace: string;
  /** Node spec.podCIDR(s) and, when found, the controller manager's --cluster-cidr. */
  podCidrs: string[];
  /** --service-cidr, or the API server's --service-cluster-ip-range when detectable. */
  serviceCidrs: string[];
  pods: PodUsage[];
  /** Extended resources some node offers (status.allocatable); undefined when unknown. */
  nodeResources?: string[];
}

export interface NodeFacts {
  node: string;
  binDir: string;
  /** File names in binDir; undefined when the directory could not be read. */
  binaries?: string[];
  /** Interface names in the node's network namespace; undefined when unknown. */
  interfaces?: string[];
}

export interface LintFacts {
  cluster?: ClusterFacts;
  node?: NodeFacts;
}
