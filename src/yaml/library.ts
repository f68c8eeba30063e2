/**
 * The yaml library's parse and stringify, for the places that load it on demand (`-o yaml`, a
 * kubeconfig js-yaml declines): a dynamic import of this module, not of 'yaml' itself, because the
 * bundle keeps a CommonJS package's named exports only for static imports.
 */
import { parse, stringify } from 'yaml';

export { parse, stringify };
