import { stringify as yamlStringify } from 'yaml';
import type { Colors } from './colors.js';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a human renderer gets: colours (possibly disabled) and whether `-o wide` was asked. */
export interface RenderContext {
  colors: Colors;
  wide: boolean;
}

export type HumanRenderer<T> = (data: T, ctx: RenderContext) => string;

/** The machine formats are the command's returned data, unchanged, so their shape is the API. */
export function formatMachine(data: unknown, format: 'json' | 'yaml'): string {
  if (format === 'json') return JSON.stringify(data, null, 2);
  return yamlStringify(data, { lineWidth: 0 }).trimEnd();
}

export function isMachineFormat(format: OutputFormat): format is 'json' | 'yaml' {
  return format === 'json' || format === 'yaml';
}
