// Bundles the CLI (commands and src) into dist/bundle with esbuild. Dynamic imports stay separate
// chunks, so the Kubernetes client, ssh2 and inquirer load only in the commands that use them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });

await build({
  // plugin: the CNI plugin mode (CNI_COMMAND set), loaded by bin/run.js without oclif.
  // invoke: the front door of a valid `add|del|check` argv, loaded by bin/run.js without oclif.
  entryPoints: { main: 'src/cli/main.ts', plugin: 'src/multus/plugin-main.ts', invoke: 'src/cli/front-door.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // ssh2 ships native addons (.node) esbuild cannot bundle; it is a runtime dependency, loaded from
  // node_modules, and only by `--via ssh`.
  external: ['ssh2'],
  // jsonc-parser's UMD build requires its parts dynamically; bundle its ESM build instead.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // CommonJS dependencies inside an ESM bundle still call require() and use __dirname.
  banner: {
    js: [
      "import { createRequire as __mctlCreateRequire } from 'node:module';",
      "import { fileURLToPath as __mctlFileURLToPath } from 'node:url';",
      "import { dirname as __mctlDirname } from 'node:path';",
      'const require = __mctlCreateRequire(import.meta.url);',
      'const __filename = __mctlFileURLToPath(import.meta.url);',
      'const __dirname = __mctlDirname(__filename);',
    ].join('\n'),
  },
});
