/**
 * doctor's data model. Gathering (I/O) produces a DoctorInput; every check is a pure function of
 * the indexed DoctorFacts, so each planted problem is a unit test over plain objects.
 */
import type { NetworkAttachmentDefinition, PodSummary, V1DaemonSet, V1Node } from '../../k8s/types.js';
import type { PodAttachments } from '../pod-attachments.js';
import type { LintReport } from '../../nad/types.js';

export type Severity = 'error' | 'warning' | 'info';

/** What one node's CNI config directory looks like, read through a node helper. */
export interface NodeConfigFacts {
  node: string;
  /** The directory read (the runtime's conf dir). */
  confDir: string;
  /** Config file names (*.conf, *.conflist, *.json) in lexical order; undefined when unreadable. */
  files?: string[];
  /** The `type` of the first file's (first) plugin, when it could be read. */
  firstType?: string;
  /** Why the directory or the first file could not be read. */
  error?: string;
}

/** Everything doctor looks at, fetched once. */
export interface DoctorInput {
  nodes: V1Node[];
  daemonSets: V1DaemonSet[];
  /** Pods in every namespace (a V1Pod is a PodSummary too). */
  pods: PodSummary[];
  /** NADs in every namespace. */
  nads: NetworkAttachmentDefinition[];
  /**
   * One entry per node a helper could reach (nodes missing here are reported as unchecked);
   * undefined when node-side checks were turned off.
   */
  nodeConfigs?: NodeConfigFacts[];
}

/** DoctorInput plus the indexes every check needs, computed once (doctor runs over thousands of pods). */
export interface DoctorFacts extends DoctorInput {
  /** "namespace/name" → NAD. */
  nadsByRef: Map<string, NetworkAttachmentDefinition>;
  /** Pods that ask for secondary networks, analysed once. */
  attachments: PodAttachments[];
  /** src/nad's lint over every NAD (cluster mode), run once. */
  lint: LintReport;
}

/** One thing doctor found. The `-o json` shape. */
export interface DoctorFinding {
  /** The check that found it (e.g. "missing-nad"). */
  check: string;
  severity: Severity;
  /** What it is about: "node/lab-node1", "pod/ns/name", "nad/ns/name", "daemonset/kube-system/multus". */
  object: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export interface DoctorCheck {
  readonly id: string;
  readonly title: string;
  run(facts: DoctorFacts): DoctorFinding[];
}

/** doctor's result (`-o json`): per-check counts, every finding, and a summary. */
export interface DoctorReport {
  summary: {
    errors: number;
    warnings: number;
    info: number;
    /** Checks run. */
    checks: number;
    /** No error and no warning. */
    clean: boolean;
    nodes: number;
    pods: number;
    nads: number;
  };
  checks: Array<{ id: string; title: string; errors: number; warnings: number; info: number }>;
  /** Sorted by severity (errors first), then check, then object. */
  findings: DoctorFinding[];
}
