/**
 * Loads a lean bundle (dist/bundle/invoke.cjs, plugin.cjs: the code bin/run.js runs without oclif)
 * through a V8 code cache. Node 20 compiles every module, and every function on its first call,
 * from source on each run; these bundles run once per pod sandbox, so compiling is a large part of
 * their time. Node 22's module.enableCompileCache() does this for any module; on Node 20 only
 * vm.Script takes cached data, so the lean bundles are CommonJS, compiled here.
 *
 * The cache lives in the user's own cache directory ($XDG_CACHE_HOME/multusctl, else
 * ~/.cache/multusctl), one file per bundle and command, and is used only when that directory and
 * file belong to this user and nobody else can write them: cached code is run as is. Its name
 * carries a hash of the bundle's text, because V8 checks only the length of the source it is
 * given. It is written once, at the end of a run that had none (or whose copy V8 refused), so it
 * holds the functions that run compiled too. MULTUSCTL_NO_CODE_CACHE=1 turns it off. A cache that
 * cannot be read or written only means compiling as before.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** The directory the cache may use, or undefined when it is turned off or there is no home. */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.MULTUSCTL_NO_CODE_CACHE === '1') return undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'multusctl');
  let home: string;
  try {
    home = env.HOME || homedir();
  } catch {
    return undefined;
  }
  return home && isAbsolute(home) ? join(home, '.cache', 'multusctl') : undefined;
}

/** Owned by this user and not writable by group or others (for a directory or a file). */
export function privateToUser(stats: Pick<Stats, 'uid' | 'mode'>, uid = process.getuid?.()): boolean {
  return uid !== undefined && stats.uid === uid && (stats.mode & 0o022) === 0;
}

/**
 * The cache file's name: the bundle's name, the label of the run (the command: each command
 * compiles other functions), a hash of the bundle's text, and what V8 is (Node, arch).
 */
export function cacheFileName(bundle: string, label: string, source: Buffer): string {
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 16);
  return `${cachePrefix(bundle, label)}${hash}-${process.version}-${process.arch}.v8cache`;
}

function cachePrefix(bundle: string, label: string): string {
  return `${basename(bundle)}-${label.replace(/[^A-Za-z0-9]+/g, '_')}-`;
}

function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return privateToUser(statSync(dir));
  } catch {
    return false;
  }
}

function readPrivate(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    // Checked on the open file, so the file read is the file checked.
    return privateToUser(fstatSync(fd)) ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the new cache whole (a temp file renamed over), and drops this label's older ones. */
function writeCache(dir: string, name: string, data: Buffer, prefix: string): void {
  const tmp = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, join(dir, name));
    for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== name) unlinkSync(join(dir, old));
  } catch {
    // Only an optimisation: the next run compiles again. A half-written temp file must not stay.
    try {
      unlinkSync(tmp);
    } catch {
      // never made, or renamed already
    }
  }
}

export interface CompiledBundle<T> {
  exports: T;
  /** Whether V8 took its code from the cache. */
  fromCache: boolean;
  /** Writes the cache if this run had none (or V8 refused it): call at the end of the run. */
  save(): void;
}

/**
 * Runs a CommonJS bundle file, with `cacheDir` (when given and private to this user) for its code.
 * The bundle's require() resolves next to it; it must not use import() (see scripts/bundle.js).
 */
export function runCommonJsBundle<T>(file: string, cacheDir: string | undefined, label: string): CompiledBundle<T> {
  const source = readFileSync(file);
  const dir = cacheDir !== undefined && usableDir(cacheDir) ? cacheDir : undefined;
  const name = cacheFileName(file, label, source);
  const cached = dir === undefined ? undefined : readPrivate(join(dir, name));
  // Module.wrap's shape, so the bundle sees the CommonJS variables it expects.
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData: cached });
  const fromCache = cached !== undefined && script.cachedDataRejected !== true;
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  run(module.exports, createRequire(file), module, file, dirname(file));
  let saved = fromCache || dir === undefined;
  return {
    exports: module.exports,
    fromCache,
    save() {
      if (saved) return;
      saved = true;
      writeCache(dir!, name, script.createCachedData(), cachePrefix(file, label));
    },
  };
}

/** runCommonJsBundle with the user's cache directory, the cache written as the process exits. */
export function loadLeanBundle<T>(file: string, label: string, env: NodeJS.ProcessEnv = process.env): T {
  const bundle = runCommonJsBundle<T>(file, codeCacheDir(env), label);
  process.once('exit', () => bundle.save());
  return bundle.exports;
}
