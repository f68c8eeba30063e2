/** The human view of `pod inspect`: one row per interface joining all sources, then the findings. */
import { paintSeverity } from '../ui/colors.js';
import type { RenderContext } from '../ui/output.js';
import { renderTable } from '../ui/table.js';
import { worstLevel } from './findings.js';
import type { InterfaceView, PodInspection } from './pod-inspect.js';
import { renderFindings } from './render-findings.js';
import { formatRoute } from './render-route.js';

function stateCell(view: InterfaceView, ctx: RenderContext): string {
  if (view.state === 'up') return paintSeverity(ctx.colors, 'ok', 'up');
  return paintSeverity(ctx.colors, 'error', view.state);
}

function addressCell(view: InterfaceView, ctx: RenderContext): string {
  const live = view.addresses.map((a) => a.split('/')[0]!);
  const missing = view.expected.ips.filter((ip) => !live.includes(ip.split('/')[0]!));
  return [...view.addresses, ...missing.map((ip) => paintSeverity(ctx.colors, 'error', `${ip} (missing)`))].join(', ') || '-';
}

export function renderPodInspection(data: PodInspection, ctx: RenderContext): string {
  const { colors } = ctx;
  const nadOf = new Map(data.annotation.attachments.map((a) => [a.interface, a]));
  const head = ['interface', 'network', 'nad type', 'kind', 'mac', 'mtu', 'state', 'addresses', ...(ctx.wide ? ['routes'] : [])];
  const rows = data.interfaces.map((view) => {
    const level = worstLevel(view.findings);
    const name = level === 'ok' ? view.name : paintSeverity(colors, level, view.name);
    const attachment = nadOf.get(view.name);
    const nadType = attachment ? (attachment.nad.found ? (attachment.nad.type ?? '?') : paintSeverity(colors, 'error', 'not found')) : view.default ? '(cluster)' : '-';
    const macDiffers = view.expected.mac && view.mac && view.expected.mac.toLowerCase() !== view.mac.toLowerCase();
    const mac = macDiffers ? paintSeverity(colors, 'error', `${view.mac} (status ${view.expected.mac})`) : (view.mac ?? '-');
    return [
      name,
      `${view.network ?? '-'}${view.default ? ' (default)' : ''}`,
      nadType,
      view.kind ?? '-',
      mac,
      view.mtu === undefined ? '-' : String(view.mtu),
      stateCell(view, ctx),
      addressCell(view, ctx),
      ...(ctx.wide ? [view.routes.map(formatRoute).join('\n') || '-'] : []),
    ];
  });
  const lines = [
    `Pod ${data.pod.namespace}/${data.pod.name}${data.pod.node ? ` on ${data.pod.node}` : ''} (read via ${data.transport})`,
    `Networks annotation: ${data.annotation.value ?? colors.dim('(none)')}`,
    `Network status: ${data.networkStatus.present ? `${data.networkStatus.entries.length} entries` : colors.dim('(none)')}`,
    '',
    renderTable(head, rows),
    '',
    `Default routes: ${data.defaultRoutes.map(formatRoute).join('; ') || colors.dim('(none)')}`,
    '',
    renderFindings(data.findings, colors),
  ];
  if (ctx.wide) {
    const lint = data.annotation.attachments.flatMap((a) => (a.nad.found ? a.nad.lint.map((l) => `${a.network}: ${l.id} ${l.level}: ${l.message}`) : []));
    if (lint.length > 0) lines.push('', 'NAD lint:', ...lint.map((l) => `  ${l}`));
  }
  return lines.join('\n');
}
