/** Human renderings of the lab commands' data (the data itself is what -o json prints). */
import { renderTable } from '../ui/table.js';
import type { RenderContext } from '../ui/output.js';
import type { LabDownResult, LabStatus, LabUpResult } from './lab.js';

function usage(kubeconfig: string): string[] {
  return ['', 'Use it with kubectl or multusctl:', `  export KUBECONFIG=${kubeconfig}`, '  kubectl get nodes', '  multusctl doctor'];
}

export function renderUp(r: LabUpResult, { colors }: RenderContext): string {
  const head = r.alreadyUp
    ? `${colors.yellow('lab already up')}: ${r.reason ?? 'nothing to do'} (${r.dir})`
    : `${colors.green('lab is up')}: ${r.nodes.length} node(s) in ${(r.durationMs / 1000).toFixed(1)} s (${r.dir})`;
  const rows = r.nodes.map((n) => [n.name, n.internalIp, n.podCidr]);
  return [
    head,
    `API server ${r.server ?? '(starting)'}, kubeconfig ${r.kubeconfig} (context ${r.context})`,
    '',
    renderTable(['node', 'internal-ip', 'pod-cidr'], rows),
    ...usage(r.kubeconfig),
  ].join('\n');
}

export function renderDown(r: LabDownResult, { colors }: RenderContext): string {
  const stopped = r.stopped.map((s) => `${s.role} (pid ${s.pid})`).join(', ') || 'no process was running';
  const lines = [`${colors.green('lab is down')}: stopped ${stopped}; removed ${r.removed.length} namespace(s), link(s) and mount(s)`];
  lines.push(r.purged ? `purged ${r.dir}` : `state kept in ${r.dir} (\`lab up\` brings the same objects back; --purge removes it)`);
  return lines.join('\n');
}

export function renderStatus(s: LabStatus, { colors }: RenderContext): string {
  const state = s.healthy ? colors.green('up') : s.phase === 'absent' ? colors.dim('absent') : colors.yellow(s.phase === 'up' ? 'degraded' : s.phase);
  const out = [`lab ${state} (${s.dir}, prefix ${s.prefix})`];
  if (s.server) out.push(`API server ${s.server}, kubeconfig ${s.kubeconfig ?? '(none)'}`);
  out.push('', renderTable(['process', 'pid', 'running', 'log'], s.processes.map((p) => [p.role, p.pid === undefined ? '-' : String(p.pid), p.running ? colors.green('yes') : colors.red('no'), p.log])));
  if (s.nodes.length > 0) {
    out.push('', renderTable(['node', 'internal-ip', 'pod-cidr', 'ready'], s.nodes.map((n) => [n.name, n.internalIp, n.podCidr, n.ready ? colors.green('True') : colors.red('False')])));
  }
  if (s.pods.length > 0) {
    out.push('', renderTable(['namespace', 'pod', 'node', 'phase', 'ip'], s.pods.map((p) => [p.namespace, p.name, p.node || '-', p.phase, p.podIP || '-'])));
  }
  if (s.apiError) out.push('', colors.red(`API: ${s.apiError}`));
  out.push('', `${s.namespaces.length} network namespace(s) with prefix ${s.prefix}`);
  return out.join('\n');
}
