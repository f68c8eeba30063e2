/**
 * Runs the benchmarks: `npm run bench` runs all, `npm run bench -- startup nad` only those named.
 * Each module in bench/ exporting `run(): Promise<string[]>` is one benchmark; it prints its own
 * figures as ratios to a baseline measured in the same run, never as pass/fail timings.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !['run.js', 'measure.js'].includes(f))
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

let failed = 0;
for (const name of names) {
  const mod = (await import(`./${name}.js`)) as { run?: () => Promise<string[]> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${name}`);
  try {
    for (const line of await mod.run()) console.log(line);
  } catch (err) {
    failed += 1;
    console.log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
