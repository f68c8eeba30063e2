import type { NodeConfigFacts } from './types.js';

/** The file names the runtime considers, in the order it considers them (libcni: lexical). */
export function cniConfigFiles(entries: readonly string[]): string[] {
  return entries.filter((e) => /\.(conf|conflist|json)$/.test(e)).sort();
}

/** The `type` of a config file's (first) plugin; undefined when it is not a readable config. */
export function firstPluginType(text: string): string | undefined {
  try {
    const config: unknown = JSON.parse(text);
    if (typeof config !== 'object' || config === null) return undefined;
    const c = config as { type?: unknown; plugins?: unknown };
    const first = Array.isArray(c.plugins) ? (c.plugins[0] as { type?: unknown } | undefined) : c;
    return typeof first?.type === 'string' ? first.type : undefined;
  } catch {
    return undefined;
  }
}

/** Facts about one node's conf dir, from its listing (undefined: missing) and its first file's text. */
export function nodeConfigFacts(node: string, confDir: string, entries: readonly string[] | undefined, firstText: string | undefined): NodeConfigFacts {
  if (entries === undefined) return { node, confDir, error: `${confDir} does not exist` };
  const files = cniConfigFiles(entries);
  if (files.length === 0) return { node, confDir, files };
  const firstType = firstText === undefined ? undefined : firstPluginType(firstText);
  return { node, confDir, files, ...(firstType !== undefined ? { firstType } : {}) };
}
