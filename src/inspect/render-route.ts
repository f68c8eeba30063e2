/** The human view of `debug route`: rules, each table, the path of --to, the warnings. */
import type { Route } from '../node/ip-json.js';
import type { RenderContext } from '../ui/output.js';
import { renderTable } from '../ui/table.js';
import { renderFindings } from './render-findings.js';
import type { RouteDebug } from './route-debug.js';

/** `ip route`-like one-line form of a parsed route. */
export function formatRoute(r: Route): string {
  const dst = r.dst === '0.0.0.0/0' || r.dst === '::/0' ? 'default' : r.dst;
  const parts = [r.type === 'unicast' ? '' : r.type, dst];
  if (r.nexthops && r.nexthops.length > 0) parts.push(...r.nexthops.map((n) => `nexthop${n.gateway ? ` via ${n.gateway}` : ''}${n.dev ? ` dev ${n.dev}` : ''}`));
  else {
    if (r.gateway) parts.push(`via ${r.gateway}`);
    if (r.dev) parts.push(`dev ${r.dev}`);
  }
  if (r.prefsrc) parts.push(`src ${r.prefsrc}`);
  if (r.metric !== undefined) parts.push(`metric ${r.metric}`);
  return parts.filter(Boolean).join(' ');
}

export function renderRouteDebug(data: RouteDebug, ctx: RenderContext): string {
  const { colors } = ctx;
  const netOf = new Map(data.interfaces.map((i) => [i.name, i.network]));
  const out = [
    `Pod ${data.pod.namespace}/${data.pod.name}${data.pod.node ? ` on ${data.pod.node}` : ''} (read via ${data.transport}); cluster interface ${data.defaultInterface}`,
    `Cluster CIDR: ${data.clusterCidrs.join(', ') || colors.dim('(unknown: pass --cluster-cidr)')}; service CIDR: ${data.serviceCidrs.join(', ') || colors.dim('(unknown: pass --service-cidr)')}`,
    '',
    'Rules:',
    renderTable(['priority', 'family', 'from', 'to', 'table'], data.rules.map((r) => [String(r.priority), `IPv${r.family}`, `${r.not ? 'not ' : ''}${r.src}`, r.dst ?? 'all', r.table ?? r.action ?? '-'])),
  ];
  for (const t of data.tables) {
    if (t.table === 'local' && !ctx.wide) continue;
    out.push('', `Table ${t.table}:`, renderTable(['destination', 'via', 'dev', 'network', 'src', 'metric'], t.routes.map((r) => [
      r.dst === '0.0.0.0/0' || r.dst === '::/0' ? `default (${r.dst})` : r.dst,
      r.nexthops?.map((n) => n.gateway ?? '-').join(',') ?? r.gateway ?? '-',
      r.nexthops?.map((n) => n.dev ?? '-').join(',') ?? r.dev ?? '-',
      (r.dev && netOf.get(r.dev)) ?? '-',
      r.prefsrc ?? '-',
      r.metric === undefined ? '-' : String(r.metric),
    ])));
  }
  if (data.lookup) {
    const l = data.lookup;
    out.push('', `Path to ${l.to}: ${l.gateway ? `via ${l.gateway} ` : ''}dev ${l.dev ?? '?'}${l.network ? ` (network ${l.network})` : ''}, table ${l.table}${l.prefsrc ? `, source ${l.prefsrc}` : ''}`);
  }
  out.push('', renderFindings(data.warnings, colors, 'no routing warnings'));
  return out.join('\n');
}
