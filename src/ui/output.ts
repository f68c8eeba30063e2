import type { Colors } from './colors.js';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a human renderer gets: colours (possibly disabled) and whether `-o wide` was asked. */
export interface RenderContext {
  colors: Colors;
  wide: boolean;
}

export type HumanRenderer<T> = (data: T, ctx: RenderContext) => string;

/**
 * The machine formats are the command's returned data, unchanged, so their shape is the API. The
 * yaml library (a quarter of a megabyte) loads only for -o yaml, not at every start-up.
 */
export async function formatMachine(data: unknown, format: 'json' | 'yaml'): Promise<string> {
  if (format === 'json') return JSON.stringify(data, null, 2);
  const { stringify } = await import('../yaml/library.js');
  return stringify(data, { lineWidth: 0 }).trimEnd();
}

export function isMachineFormat(format: OutputFormat): format is 'json' | 'yaml' {
  return format === 'json' || format === 'yaml';
}
