/**
 * The one implementation of `multusctl nad list`, shared by its oclif command class and the
 * oclif-free front door (src/cli/front-door.ts): list, warn about what could not be read, print.
 */
import type { CommandIo } from '../cli/command-io.js';
import type { FlagValues } from '../cli/flag-spec.js';
import type { GlobalFlagValues } from '../cli/global-flags.js';
import type { nadListFlags } from './command-flags.js';
import { renderNadList } from './render.js';
import { listNads } from './store.js';
import type { NadRow } from './summary.js';

export async function runNadList(flags: FlagValues<typeof nadListFlags> & GlobalFlagValues, io: CommandIo): Promise<NadRow[]> {
  const notes: string[] = [];
  const rows = await listNads(await io.cluster(), flags['all-namespaces'], notes);
  for (const n of notes) io.note(`Warning: ${n}`);
  await io.print(rows, (r, ctx) => renderNadList(r, ctx, flags['all-namespaces']));
  return rows;
}
