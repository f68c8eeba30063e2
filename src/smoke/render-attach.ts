/** Human rendering for `pod attach`: the pod's interfaces (live, beside network-status) or its events. */
import type { RenderContext } from '../ui/output.js';
import { paintSeverity, type Colors } from '../ui/colors.js';
import { renderTable } from '../ui/table.js';
import { renderPodInspection } from '../inspect/render-pod.js';
import type { AttachResult } from './attach.js';

export function renderAttach(result: AttachResult, ctx: RenderContext): string {
  if (!result.started) return renderEvents(result, ctx.colors);
  const head = `pod ${result.namespace}/${result.name} is ${result.phase} on ${result.node ?? '?'}${result.deleted ? ' (deleted again: --rm)' : ''}`;
  return result.inspection ? `${head}\n\n${renderPodInspection(result.inspection, ctx)}` : head;
}

export function renderEvents(result: AttachResult, colors: Colors): string {
  const rows = result.events.map((e) => [e.type === 'Warning' ? paintSeverity(colors, 'warning', 'Warning') : (e.type ?? ''), e.reason ?? '', e.message ?? '']);
  return rows.length === 0 ? `no events for pod ${result.namespace}/${result.name}` : `events of pod ${result.namespace}/${result.name}:\n${renderTable(['type', 'reason', 'message'], rows)}`;
}
