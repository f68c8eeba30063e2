/**
 * Which bundle files a CLI child process loads: a hook (node --import) appends every resolved URL
 * to a log file. It sees ESM imports (a module-resolve hook), CommonJS require()s, and the lean
 * bundles bin/run.js compiles itself with vm.Script (src/cli/code-cache.ts). Tests use it to tell
 * which front door ran an argv (the oclif-free dist/bundle/invoke.cjs, or oclif's
 * dist/bundle/main.js) and what code it pulled in.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';

const HOOK = `import { register, syncBuiltinESMExports } from 'node:module';
import Module from 'node:module';
import vm from 'node:vm';
import { appendFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
const log = (file) => appendFileSync(process.env.MULTUSCTL_LOAD_LOG, pathToFileURL(file).href + '\\n');
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    if (typeof options?.filename === 'string' && isAbsolute(options.filename)) log(options.filename);
  }
};
const load = Module.prototype.require;
Module.prototype.require = function (id) {
  if (!Module.isBuiltin(id)) {
    try {
      log(Module._resolveFilename(id, this));
    } catch {}
  }
  return load.call(this, id);
};
syncBuiltinESMExports();
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.MULTUSCTL_LOAD_LOG, r.url + '\\\\n'); return r; }
\`));
`;

export class LoadLog {
  private readonly dir = mkdtempSync(join(tmpdir(), 'load-log-'));
  private readonly hook = join(this.dir, 'hook.mjs');
  private runs = 0;

  /** Made at a test file's top level: its files are removed after the file's tests. */
  constructor() {
    writeFileSync(this.hook, HOOK);
    after(() => this.remove());
  }

  /** Node arguments and environment for one child run, and a reader of what that run loaded. */
  next(): { nodeArgs: string[]; env: NodeJS.ProcessEnv; loaded: () => LoadedChunks } {
    this.runs += 1;
    const log = join(this.dir, `run-${this.runs}.log`);
    writeFileSync(log, '');
    return { nodeArgs: ['--import', this.hook], env: { MULTUSCTL_LOAD_LOG: log }, loaded: () => new LoadedChunks(readFileSync(log, 'utf8')) };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class LoadedChunks {
  /** The bundle files loaded, by file name (main.js, chunk-….js, invoke.cjs, code-cache.cjs …). */
  readonly chunks: string[];
  /** Every module outside the bundle loaded from node_modules (the externals, e.g. ssh2). */
  readonly nodeModules: string[];
  private readonly urls: string[];

  constructor(log: string) {
    this.urls = [...new Set(log.split('\n').filter((u) => u.startsWith('file:')))];
    const bundled = this.urls.filter((u) => u.includes('/dist/bundle/'));
    this.chunks = bundled.map((u) => u.slice(u.lastIndexOf('/') + 1));
    this.nodeModules = this.urls.filter((u) => u.includes('/node_modules/'));
  }

  /** Whether oclif's entry ran (the argv went to oclif). */
  get oclifEntry(): boolean {
    return this.chunks.includes('main.js');
  }

  get frontDoor(): boolean {
    return this.chunks.includes('invoke.cjs');
  }

  /** The loaded chunks whose source contains `marker` (esbuild names each bundled file in a comment). */
  chunksWith(marker: string): string[] {
    return this.urls.filter((u) => u.includes('/dist/bundle/') && readFileSync(fileURLToPath(u), 'utf8').includes(marker)).map((u) => u.slice(u.lastIndexOf('/') + 1));
  }
}
