/** Human renderings of the nad commands' data (tables; colours by severity). */
import { paintSeverity } from '../ui/colors.js';
import type { RenderContext } from '../ui/output.js';
import { renderTable } from '../ui/table.js';
import type { NadRow } from './summary.js';
import type { Finding, LintReport } from './types.js';

function where(f: Finding): string {
  if (f.file === undefined) return f.nad;
  const file = f.file === '-' ? 'stdin' : f.file;
  return f.line === undefined ? `${file} ${f.nad}` : `${file}:${f.line}:${f.column} ${f.nad}`;
}

export function renderReport(report: LintReport, { colors, wide }: RenderContext): string {
  const lines: string[] = [];
  if (report.findings.length > 0) {
    const rows = report.findings.map((f) => [
      paintSeverity(colors, f.level, f.level.toUpperCase()),
      f.id,
      where(f),
      f.path,
      wide && f.hint ? `${f.message} (hint: ${f.hint})` : f.message,
    ]);
    lines.push(renderTable(['level', 'id', 'where', 'path', 'message'], rows));
    if (!wide && report.findings.some((f) => f.hint)) lines.push(colors.dim('(-o wide shows a hint for each finding)'));
  }
  for (const note of report.notes) lines.push(colors.dim(`note: ${note}`));
  const s = report.summary;
  const verdict = s.errors > 0 ? paintSeverity(colors, 'error', 'FAIL') : paintSeverity(colors, 'ok', 'OK');
  lines.push(`${verdict}: ${s.nads} NAD${s.nads === 1 ? '' : 's'}, ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info`);
  return lines.join('\n');
}

export function renderNadList(rows: readonly NadRow[], { wide }: RenderContext, allNamespaces: boolean): string {
  if (rows.length === 0) return 'No NetworkAttachmentDefinitions found.';
  const head = [...(allNamespaces ? ['namespace'] : []), 'name', 'type', 'ipam', 'subnet', 'pods', ...(wide ? ['used by'] : [])];
  return renderTable(head, rows.map((r) => [...(allNamespaces ? [r.namespace] : []), r.name, r.type, r.ipam, r.subnet, String(r.pods.length), ...(wide ? [r.pods.join(',')] : [])]));
}

export function renderNadGet(row: NadRow): string {
  return renderTable(['namespace', 'name', 'type', 'ipam', 'subnet'], [[row.namespace, row.name, row.type, row.ipam, row.subnet]]);
}
