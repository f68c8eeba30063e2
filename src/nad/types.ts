/**
 * The NAD model shared by parsing, linting and the nad commands: a NAD as read from a file or the
 * cluster (with where it came from, so findings can point at a file line), and lint findings.
 */
import type { NetworkAttachmentDefinition } from '../k8s/types.js';

export type JsonObject = Record<string, unknown>;
export type Level = 'error' | 'warning' | 'info';
/** A path into a NAD, e.g. ['spec', 'config', 'plugins', 0, 'type'] → spec.config.plugins[0].type. */
export type Path = ReadonlyArray<string | number>;

/** Where a NAD came from, and how to turn offsets inside its spec.config into file offsets. */
export interface NadSource {
  /** File name as the user gave it ("-" for stdin); undefined for NADs read from the cluster. */
  file?: string;
  /** 0-based document (or List item) index inside the file. */
  index: number;
  /** The whole file text, for line and column numbers. */
  text?: string;
  /** File offset of a field outside spec.config ('metadata.name', 'spec.config', …), found on demand. */
  fieldOffset?: (field: string) => number | undefined;
  /** File offset of a spec.config character, when the scalar's source can be mapped exactly. */
  configToFile?: (configOffset: number) => number | undefined;
  /** True when the input was a bare CNI config wrapped into a NAD. */
  bare?: boolean;
}

export interface NadDocument {
  nad: NetworkAttachmentDefinition;
  source: NadSource;
  /** spec.config as it was given when it was not a string (a common mistake: an inline object). */
  configNotString?: unknown;
}

/** An input problem that stops us from reading NADs at all (YAML syntax, wrong kind, empty input). */
export interface InputProblem {
  file?: string;
  message: string;
  line?: number;
  column?: number;
  hint?: string;
}

export interface ParseResult {
  documents: NadDocument[];
  problems: InputProblem[];
}

/** One lint finding, positioned where possible. */
export interface Finding {
  id: string;
  level: Level;
  /** namespace/name, or the name alone when no namespace was given. */
  nad: string;
  path: string;
  message: string;
  hint?: string;
  file?: string;
  /** 1-based line and column in the file. */
  line?: number;
  column?: number;
  /** 1-based line and column inside spec.config. */
  configLine?: number;
  configColumn?: number;
}

export interface LintSummary {
  nads: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface LintReport {
  summary: LintSummary;
  findings: Finding[];
  /** Remarks about the run itself (e.g. the service CIDR could not be detected). */
  notes: string[];
}
