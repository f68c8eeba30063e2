/** Human rendering for `pod attach`: the pod's interfaces (live, beside network-status) or its events. */
import type { RenderContext } from '../ui/output.js';
import { paintSeverity, type Colors } from '../ui/colors.js';
import { renderTable } from '../ui/table.js';
import type { AttachResult } from './attach.js';

export function renderAttach(result: AttachResult, { colors }: RenderContext): string {
  if (!result.started) return renderEvents(result, colors);
  const lines = [`pod ${result.namespace}/${result.name} is ${result.phase} on ${result.node ?? '?'}${result.deleted ? ' (deleted again: --rm)' : ''}`, ''];
  const rows = (result.live?.interfaces ?? []).filter((i) => i.name !== 'lo').map((i) => {
    const status = result.networkStatus.find((s) => s.interface === i.name);
    return [i.name, i.up ? 'UP' : paintSeverity(colors, 'warning', 'DOWN'), i.mac ?? '', i.addresses.join('\n') || '-', status ? `${status.name}${status.default ? ' (default)' : ''}` : colors.dim('not in network-status')];
  });
  lines.push(renderTable(['interface', 'state', 'mac', 'addresses', 'network'], rows));
  const routes = result.live?.defaultRoutes ?? [];
  lines.push('', `default route${routes.length === 1 ? '' : 's'}: ${routes.map((r) => `${r.gateway ? `via ${r.gateway} ` : ''}dev ${r.dev ?? '?'}`).join(', ') || 'none'}`);
  return lines.join('\n');
}

export function renderEvents(result: AttachResult, colors: Colors): string {
  const rows = result.events.map((e) => [e.type === 'Warning' ? paintSeverity(colors, 'warning', 'Warning') : (e.type ?? ''), e.reason ?? '', e.message ?? '']);
  return rows.length === 0 ? `no events for pod ${result.namespace}/${result.name}` : `events of pod ${result.namespace}/${result.name}:\n${renderTable(['type', 'reason', 'message'], rows)}`;
}
