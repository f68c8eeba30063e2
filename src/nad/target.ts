/** A NAD prepared once for every lint rule: its name, parsed config and plugin list. */
import { isObject, parseConfig, type ParsedConfig } from './config.js';
import type { JsonObject, NadDocument, Path } from './types.js';

export interface PluginView {
  /** Path of the plugin object: spec.config, or spec.config.plugins[i]. */
  path: Path;
  config: JsonObject;
  type?: string;
}

export interface LintTarget {
  doc: NadDocument;
  name: string;
  namespace?: string;
  /** namespace/name, or the name alone. */
  ref: string;
  configText?: string;
  parsed?: ParsedConfig;
  /** The config object; undefined when spec.config is absent or not a JSON object. */
  config?: JsonObject;
  isConflist: boolean;
  plugins: PluginView[];
}

export const CONFIG_PATH: Path = ['spec', 'config'];

export function prepareTarget(doc: NadDocument): LintTarget {
  const name = doc.nad.metadata.name;
  const namespace = typeof doc.nad.metadata.namespace === 'string' && doc.nad.metadata.namespace !== '' ? doc.nad.metadata.namespace : undefined;
  const ref = namespace === undefined ? name : `${namespace}/${name}`;
  const configText = doc.nad.spec?.config;
  const base: LintTarget = { doc, name, namespace, ref, configText, isConflist: false, plugins: [] };
  if (typeof configText !== 'string' || configText.trim() === '') return base;
  const parsed = parseConfig(configText);
  const config = parsed.error === undefined ? parsed.value : undefined;
  if (config === undefined) return { ...base, parsed };
  const isConflist = config.plugins !== undefined;
  const plugins: PluginView[] = isConflist
    ? (Array.isArray(config.plugins) ? config.plugins : []).flatMap((p, i) =>
        isObject(p) ? [{ path: [...CONFIG_PATH, 'plugins', i], config: p, type: typeof p.type === 'string' ? p.type : undefined }] : [],
      )
    : [{ path: CONFIG_PATH, config, type: typeof config.type === 'string' ? config.type : undefined }];
  return { ...base, parsed, config, isConflist, plugins };
}
