/** Findings as human lines, coloured by severity, the same in every inspect/debug view. */
import { paintSeverity, type Colors } from '../ui/colors.js';
import { renderTable } from '../ui/table.js';
import type { Finding } from './findings.js';

export function renderFindings(findings: readonly Finding[], colors: Colors, none = 'no problems found'): string {
  if (findings.length === 0) return paintSeverity(colors, 'ok', none);
  return renderTable(
    ['level', 'id', 'where', 'message'],
    findings.map((f) => [paintSeverity(colors, f.level), f.id, f.interface ?? f.network ?? '-', f.message]),
  );
}
