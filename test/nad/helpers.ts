/** Small builders for NAD lint tests: a NAD document from a config object or text. */
import { NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';
import { lintDocuments, type LintOptions } from '../../src/nad/lint.js';
import type { Finding, NadDocument } from '../../src/nad/types.js';

export function nadDoc(config: unknown, name = 'net1', extra: { namespace?: string; annotations?: Record<string, string> } = {}): NadDocument {
  return {
    nad: {
      apiVersion: NAD_API_VERSION,
      kind: NAD_KIND,
      metadata: { name, ...(extra.namespace ? { namespace: extra.namespace } : {}), ...(extra.annotations ? { annotations: extra.annotations } : {}) },
      spec: { config: typeof config === 'string' ? config : JSON.stringify(config) },
    },
    source: { index: 0 },
  };
}

export function lint(config: unknown, options: LintOptions = {}, name = 'net1'): Finding[] {
  return lintDocuments([nadDoc(config, name)], options).findings;
}

export function ids(findings: Finding[], level?: string): string[] {
  return [...new Set(findings.filter((f) => level === undefined || f.level === level).map((f) => f.id))].sort();
}

export function only(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.id === id);
}

/** A clean macvlan config every rule accepts; tests change one thing. */
export function goodMacvlan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cniVersion: '1.0.0',
    name: 'net1',
    type: 'macvlan',
    master: 'eth1',
    mode: 'bridge',
    ipam: { type: 'host-local', subnet: '10.50.0.0/24', rangeStart: '10.50.0.10', rangeEnd: '10.50.0.100', gateway: '10.50.0.1' },
    ...overrides,
  };
}
