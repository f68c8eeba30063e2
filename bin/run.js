#!/usr/bin/env node
// multusctl's launcher. Two jobs only: answer `--version` without loading anything (start-up
// time is a feature), and hand everything else to the bundled CLI.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);

if (argv.length === 1 && argv[0] === '--version') {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  // The same line oclif prints: bin/version platform-arch node-version.
  process.stdout.write(`${pkg.oclif.bin}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`);
} else {
  const { run } = await import('../dist/bundle/main.js');
  await run(argv, import.meta.url);
}
