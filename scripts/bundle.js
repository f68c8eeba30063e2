// Bundles the CLI (commands and src) into dist/bundle with esbuild, in two builds:
// - main (oclif and every command) is split: dynamic imports stay separate chunks, so the Kubernetes
//   client, ssh2 and inquirer load only in the commands that use them;
// - the lean entries bin/run.js loads without oclif (plugin: CNI plugin mode; invoke: the front
//   door) are one file each: Node 20's ESM loader pays for every module it resolves, links and
//   evaluates, and these run once per pod sandbox. Only the heavy leaf modules below stay apart.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = 'dist/bundle';

rmSync(resolve(root, outdir), { recursive: true, force: true });

/**
 * Modules the lean entries load only on demand, each the one importer of a big package; the split
 * build emits each as an entry of its own name, which the lean files import at run time. They must
 * import nothing of src/ at run time: a lean file and the split chunks hold separate copies of src/,
 * and a class (say CliError) from one copy is not an instance of the other's.
 */
const LAZY_ENTRIES = {
  'client-node': 'src/k8s/client-node.ts',
  'yaml-library': 'src/yaml/library.ts',
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  outdir,
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
};

/** In the lean build: a dynamic import of a lazy module becomes an import of its split-build file. */
const lazyEntriesPlugin = {
  name: 'lazy-entries',
  setup(b) {
    const byPath = new Map(Object.entries(LAZY_ENTRIES).map(([name, src]) => [resolve(root, src), `./${name}.js`]));
    b.onResolve({ filter: /^\./ }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const file = byPath.get(target);
      if (file === undefined) return undefined;
      if (args.kind !== 'dynamic-import') {
        return { errors: [{ text: `${args.path} is imported statically by ${args.importer}; the lean bundles load it only with import()` }] };
      }
      return { path: file, external: true };
    });
  },
};

const [, lean] = await Promise.all([
  build({ ...common, entryPoints: { main: 'src/cli/main.ts', ...LAZY_ENTRIES }, splitting: true }),
  build({
    ...common,
    // plugin: the CNI plugin mode (CNI_COMMAND set); invoke: the front door of a valid argv.
    entryPoints: { plugin: 'src/multus/plugin-main.ts', invoke: 'src/cli/front-door.ts' },
    splitting: false,
    metafile: true,
    plugins: [lazyEntriesPlugin],
  }),
]);

// A lean file may import node's builtins and the lazy entries, nothing else: any other import would
// be hoisted to its top and loaded on every run.
const allowed = new Set(Object.keys(LAZY_ENTRIES).map((name) => `./${name}.js`));
for (const [file, output] of Object.entries(lean.metafile.outputs)) {
  const extra = output.imports.filter((i) => !isBuiltin(i.path) && !allowed.has(i.path));
  if (extra.length > 0) {
    console.error(`${file} imports ${extra.map((i) => i.path).join(', ')}: the lean bundles must not load a package eagerly`);
    process.exit(1);
  }
}
