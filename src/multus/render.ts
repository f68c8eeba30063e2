/**
 * Human output of `multusctl add|del|check` (tables, the --dry-run plan). The data shapes come from
 * session.ts; -o json/yaml print those unchanged. Loaded on demand (run-invocation.ts): -o json
 * never needs it, nor cli-table3 under it.
 */
import type { RenderContext } from '../ui/output.js';
import { renderTable } from '../ui/table.js';
import { formatCall } from './render-call.js';
import type { AddReport, CheckReport, DelReport } from './session.js';

function footer(r: { warnings: string[]; planned: string[]; dryRun: boolean }, ctx: RenderContext): string[] {
  const out: string[] = [];
  if (r.dryRun && r.planned.length) out.push('', ctx.colors.bold('multus would also:'), ...r.planned.map((p) => `  - ${p}`));
  for (const w of r.warnings) out.push(ctx.colors.yellow(`warning: ${w}`));
  return out;
}

function plan(r: AddReport | DelReport | CheckReport, ctx: RenderContext): string[] {
  const head = `dry run for pod ${r.pod} (container ${r.containerId}, config ${r.conf}): ${r.calls.length} plugin call(s), none run`;
  return [head, '', ...r.calls.map((c, i) => formatCall(c, ctx, i + 1)).join('\n\n').split('\n')];
}

export function renderAdd(r: AddReport, ctx: RenderContext): string {
  if (r.dryRun) return [...plan(r, ctx), ...footer(r, ctx)].join('\n');
  const byIf = new Map(r.networkStatus.map((s) => [s.interface, s]));
  const rows = r.attachments.map((a) => {
    const s = byIf.get(a.ifName);
    return [a.ifName, a.name || a.network, a.type, (s?.ips ?? []).join(','), s?.mac ?? '', a.master ? 'yes' : ''];
  });
  const lines = [renderTable(['interface', 'network', 'type', 'ips', 'mac', 'default'], rows)];
  lines.push('', r.statusWritten ? `network-status written to pod ${r.pod}` : `network-status not written (--no-status)`);
  return [...lines, ...footer(r, ctx)].join('\n');
}

export function renderDel(r: DelReport, ctx: RenderContext): string {
  if (r.dryRun) return [...plan(r, ctx), ...footer(r, ctx)].join('\n');
  const from = r.source === 'scratch' ? 'the scratch file' : r.source === 'api' ? 'the API (no scratch file)' : 'nowhere: nothing to delete';
  const lines = [`deleted ${r.attachments.length} attachment(s) of pod ${r.pod} (delegates from ${from})`];
  for (const a of r.attachments) lines.push(`  ${a.ifName}  ${a.name || a.network}  ${a.type}`);
  return [...lines, ...footer(r, ctx)].join('\n');
}

export function renderCheck(r: CheckReport, ctx: RenderContext): string {
  if (r.dryRun) return [...plan(r, ctx), ...footer(r, ctx)].join('\n');
  const rows = r.checks.map((c) => [c.ifName, c.name || c.network, c.type, c.ok ? ctx.colors.green('ok') : ctx.colors.red('FAILED'), c.error ?? '']);
  const failed = r.checks.filter((c) => !c.ok).length;
  const summary = `${r.checks.length - failed} ok, ${failed} failed`;
  return [renderTable(['interface', 'network', 'type', 'check', 'error'], rows), '', summary, ...footer(r, ctx)].join('\n');
}
