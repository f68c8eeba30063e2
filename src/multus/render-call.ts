/** One plugin call as --trace prints it as it finishes, and as the --dry-run plan lists it. */
import type { RenderContext } from '../ui/output.js';
import type { CallReport } from './session.js';

const json = (v: unknown): string => JSON.stringify(v, null, 2);
const indent = (text: string, by = '    '): string => text.split('\n').map((l) => by + l).join('\n');

/** A header line (with the duration and any failure), the CNI env, stdin, and (when run) the result. */
export function formatCall(call: CallReport, ctx: Pick<RenderContext, 'colors'>, n?: number): string {
  const where = `${call.network || '(unnamed)'} on ${call.ifName}`;
  const took = call.durationMs === undefined ? '' : ` ${call.durationMs.toFixed(1)} ms`;
  const status = call.error ? ctx.colors.red(` failed: ${call.error}`) : call.exitCode === undefined || call.exitCode === 0 ? '' : ` exit ${call.exitCode}`;
  const lines = [ctx.colors.bold(`${n === undefined ? '' : `${n}. `}${call.command} ${call.type} (${where})`) + took + status];
  lines.push(`  plugin: ${call.pluginPath || '(not found)'}`);
  const env = Object.entries(call.env).map(([k, v]) => `${k}=${v}`);
  if (env.length) lines.push('  env:', ...env.map((e) => `    ${e}`));
  lines.push('  stdin:', indent(typeof call.stdin === 'string' ? call.stdin : json(call.stdin)));
  if (call.result !== undefined) lines.push('  result:', indent(typeof call.result === 'string' ? call.result : json(call.result)));
  return lines.join('\n');
}
