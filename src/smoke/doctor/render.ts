import { paintSeverity } from '../../ui/colors.js';
import type { RenderContext } from '../../ui/output.js';
import type { DoctorReport, Severity } from './types.js';

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Findings grouped by severity, each with its hint, then one summary line. */
export function renderDoctorReport(report: DoctorReport, { colors, wide }: RenderContext): string {
  const lines: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push(paintSeverity(colors, severity, `${HEADINGS[severity]} (${group.length})`));
    for (const f of group) {
      lines.push(`  ${paintSeverity(colors, severity, severity === 'error' ? '✖' : severity === 'warning' ? '!' : 'i')} ${f.object}: ${f.message} ${colors.dim(`[${f.check}]`)}`);
      if (f.hint && (wide || severity !== 'info')) lines.push(`      ${colors.dim(`hint: ${f.hint}`)}`);
    }
    lines.push('');
  }
  if (wide) {
    for (const c of report.checks) {
      const ok = c.errors === 0 && c.warnings === 0;
      lines.push(`${paintSeverity(colors, ok ? 'ok' : c.errors > 0 ? 'error' : 'warning', ok ? '✔' : '✖')} ${c.id}: ${c.title}`);
    }
    lines.push('');
  }
  const s = report.summary;
  const scope = `${s.checks} checks over ${s.nodes} nodes, ${s.pods} pods, ${s.nads} NADs`;
  lines.push(
    s.clean
      ? `${paintSeverity(colors, 'ok', 'clean')}: ${scope}, no problems${s.info > 0 ? ` (${s.info} info)` : ''}`
      : `${paintSeverity(colors, s.errors > 0 ? 'error' : 'warning', `${s.errors} errors, ${s.warnings} warnings`)}, ${s.info} info: ${scope}`,
  );
  return lines.join('\n');
}
