/** A problem inspect or debug found: a stable id, a level (colour), a sentence, what it concerns. */
export type FindingLevel = 'error' | 'warning' | 'info';

export interface Finding {
  id: string;
  level: FindingLevel;
  message: string;
  interface?: string;
  /** namespace/name of the network (NAD) concerned. */
  network?: string;
}

/** The finding ids of `pod inspect` (stable: they appear in -o json). */
export const InspectFinding = {
  annotationInvalid: 'annotation-invalid',
  nadMissing: 'nad-missing',
  nadInvalid: 'nad-invalid',
  attachmentMissing: 'attachment-missing',
  ipMissing: 'ip-missing',
  macMismatch: 'mac-mismatch',
  multipleDefaultRoutes: 'multiple-default-routes',
  interfaceDown: 'interface-down',
  staleNetworkStatus: 'stale-network-status',
  networkStatusMissing: 'network-status-missing',
  networkStatusInvalid: 'network-status-invalid',
} as const;

export function worstLevel(findings: readonly Finding[]): FindingLevel | 'ok' {
  if (findings.some((f) => f.level === 'error')) return 'error';
  if (findings.some((f) => f.level === 'warning')) return 'warning';
  return findings.length > 0 ? 'info' : 'ok';
}
