/** Human rendering of a smoke run: one line per check as it ends, then the `N passed, N failed` line. */
import { paintSeverity, type Colors } from '../ui/colors.js';
import type { CheckResult, Report } from './framework/check.js';

export function renderCheckLine(result: CheckResult, colors: Colors): string {
  const ms = `${Math.round(result.durationMs)}ms`;
  if (result.status === 'passed') return `${paintSeverity(colors, 'ok', '✔')} ${result.id}: ${result.title} ${colors.dim(`(${ms})`)}`;
  if (result.status === 'skipped') return `${colors.dim(`- ${result.id}: skipped (${result.messages.join('; ')})`)}`;
  const lines = [`${paintSeverity(colors, 'error', '✖')} ${result.id}: ${result.title} ${colors.dim(`(${ms})`)}`];
  for (const m of result.messages) lines.push(`    ${paintSeverity(colors, 'error', m)}`);
  if (result.log.length > 0) lines.push(colors.dim('    log:'), ...result.log.map((l) => colors.dim(`      ${l}`)));
  return lines.join('\n');
}

export function renderSummary(report: Report, colors: Colors): string {
  const text = `${report.passed} passed, ${report.failed} failed${report.skipped > 0 ? `, ${report.skipped} skipped` : ''} (${(report.durationMs / 1000).toFixed(1)}s)`;
  return paintSeverity(colors, report.failed > 0 ? 'error' : 'ok', text);
}
