/** Start-up cost of the CLI itself, as ratios to `node -e 0` measured in the same run. */
import { CLI, nodeBaseline, ratioLine, timeProcess } from './measure.js';

export async function run(): Promise<string[]> {
  const base = nodeBaseline();
  const lines = [`node -e 0 (baseline)${' '.repeat(28)} ${base.toFixed(1).padStart(8)} ms`];
  lines.push(ratioLine('multusctl --version', timeProcess([process.execPath, CLI, '--version']), base, '≤ 1.5×'));
  lines.push(ratioLine('multusctl --help', timeProcess([process.execPath, CLI, '--help']), base));
  return lines;
}
