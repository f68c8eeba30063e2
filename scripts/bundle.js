// Bundles the CLI (commands and src) into dist/bundle with esbuild:
// - main (oclif and every command) is split: dynamic imports stay separate chunks, so the Kubernetes
//   client, ssh2 and inquirer load only in the commands that use them;
// - the lean entries bin/run.js loads without oclif (plugin: CNI plugin mode; invoke: the front
//   door) are one CommonJS file each: Node 20's ESM loader pays for every module it resolves, links
//   and evaluates, these run once per pod sandbox, and bin/run.js compiles them through a V8 code
//   cache, which Node 20 offers only for scripts;
// - that loader (src/cli/code-cache.ts) is a CommonJS file of its own, and so is each heavy leaf
//   module the lean entries load on demand (LAZY_ENTRIES).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = 'dist/bundle';

rmSync(resolve(root, outdir), { recursive: true, force: true });

/**
 * Modules the lean entries load only on demand, each the one importer of a big package; each is a
 * CommonJS file of its own name, which the lean files require at run time. They must import
 * nothing of src/ at run time: each file holds its own copy of what it bundles, and a class (say
 * CliError) from one copy is not an instance of another's. main's split build bundles them as usual.
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

/**
 * In the lean build: a dynamic import of a lazy module becomes a require() of its own CommonJS file
 * (the lazy build below), at run time. Not an import(): in a script compiled by vm.Script, Node 20
 * needs an experimental callback for that, which warns, and which a code-cached script loses.
 */
const lazyEntriesPlugin = {
  name: 'lazy-entries',
  setup(b) {
    const byPath = new Map(Object.keys(LAZY_ENTRIES).map((name) => [resolve(root, LAZY_ENTRIES[name]), name]));
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.path.endsWith('.cjs')) return { path: args.path, external: true };
      const name = byPath.get(resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts'));
      if (name === undefined) return undefined;
      if (args.kind !== 'dynamic-import') {
        return { errors: [{ text: `${args.path} is imported statically by ${args.importer}; the lean bundles load it only with import()` }] };
      }
      return { path: name, namespace: 'lazy-entry' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-entry' }, (args) => ({ contents: `module.exports = require('./${args.path}.cjs');`, loader: 'js', resolveDir: root }));
  },
};

/** What the lean bundles are: CommonJS, with import.meta.url made from __filename. */
const commonJs = {
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta.url': '__mctlImportMetaUrl' },
  banner: { js: "const __mctlImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const [, lean, loader] = await Promise.all([
  build({ ...common, entryPoints: { main: 'src/cli/main.ts' }, splitting: true }),
  build({
    ...common,
    ...commonJs,
    // plugin: the CNI plugin mode (CNI_COMMAND set); invoke: the front door of a valid argv.
    entryPoints: { plugin: 'src/multus/plugin-main.ts', invoke: 'src/cli/front-door.ts' },
    splitting: false,
    metafile: true,
    plugins: [lazyEntriesPlugin],
  }),
  build({ ...common, ...commonJs, entryPoints: { 'code-cache': 'src/cli/code-cache.ts' }, splitting: false, metafile: true }),
  build({ ...common, ...commonJs, entryPoints: LAZY_ENTRIES, splitting: false }),
]);

// A lean file may load node's builtins and the lazy entries, nothing else: any other import would
// be loaded on every run.
const allowed = new Set(Object.keys(LAZY_ENTRIES).map((name) => `./${name}.cjs`));
for (const [file, output] of [...Object.entries(lean.metafile.outputs), ...Object.entries(loader.metafile.outputs)]) {
  const extra = output.imports.filter((i) => !isBuiltin(i.path) && !allowed.has(i.path));
  if (extra.length > 0) {
    console.error(`${file} imports ${extra.map((i) => i.path).join(', ')}: the lean bundles must not load a package eagerly`);
    process.exit(1);
  }
}
