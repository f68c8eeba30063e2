/** The human view of `debug node`. */
import { paintSeverity } from '../ui/colors.js';
import type { RenderContext } from '../ui/output.js';
import { renderTable } from '../ui/table.js';
import type { NodeDebug } from './node-debug.js';
import { renderFindings } from './render-findings.js';

export function renderNodeDebug(data: NodeDebug, ctx: RenderContext): string {
  const { colors } = ctx;
  const yes = (ok: boolean, good = 'yes', bad = 'no'): string => paintSeverity(colors, ok ? 'ok' : 'error', ok ? good : bad);
  const out = [
    `Node ${data.node} (read via ${data.transport})`,
    '',
    `CNI config in ${data.cniConfig.dir} (the runtime uses the first):`,
    data.cniConfig.files.length === 0
      ? paintSeverity(colors, 'error', '  (none)')
      : renderTable(['#', 'file', 'network', 'plugins'], data.cniConfig.files.map((f, i) => [String(i + 1), f.name, f.network ?? '-', f.error ? paintSeverity(colors, 'error', f.error) : (f.types ?? []).join(' → ')])),
    `Multus first: ${yes(data.cniConfig.multusFirst)}`,
  ];
  if (data.multus) {
    const m = data.multus;
    out.push(
      '',
      `Multus (${m.mode} mode, ${m.file}): clusterNetwork ${m.clusterNetwork ?? '-'}, defaultNetworks ${m.defaultNetworks.join(',') || '-'}, binDir ${m.binDir}, confDir ${m.confDir}, cniDir ${m.cniDir}`,
    );
    if (m.readinessIndicatorFile) out.push(`Readiness indicator ${m.readinessIndicatorFile}: ${yes(Boolean(m.readinessIndicatorPresent), 'present', 'missing')}`);
    if (m.socket) out.push(`Daemon socket ${m.socket.path}: ${yes(m.socket.present, 'present', 'missing')}`);
  }
  out.push('', `Binaries in ${data.binaries.dir} needed by the config and NADs:`);
  out.push(data.binaries.needed.length === 0 ? '  (none)' : renderTable(['binary', 'present', 'used by'], data.binaries.needed.map((b) => [b.binary, yes(b.present), b.usedBy.join(', ')])));
  if (data.masters.length > 0) {
    out.push('', 'NAD masters on the node:', renderTable(['interface', 'present', 'master of'], data.masters.map((m) => [m.master, yes(m.present), m.usedBy.join(', ')])));
  }
  out.push('', `host-local leases in ${data.leases.dir}: ${data.leases.total}, leaked: ${data.leases.leaks.length}`);
  if (data.leases.leaks.length > 0) {
    out.push(renderTable(['network', 'ip', 'container', 'file'], data.leases.leaks.map((l) => [l.network, l.ip, l.containerId.slice(0, 12), l.file])));
  }
  out.push('', renderFindings(data.findings, colors));
  return out.join('\n');
}
