/**
 * The one implementation of `multusctl nad get` and `nad delete`, shared by their oclif command
 * classes and the oclif-free front door (src/cli/front-door.ts).
 */
import type { CommandIo } from '../cli/command-io.js';
import type { ArgValues, FlagValues } from '../cli/flag-spec.js';
import type { GlobalFlagValues } from '../cli/global-flags.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';
import type { nadDeleteFlags, nadNameArgs } from './command-flags.js';
import { renderNadGet } from './render.js';
import { deleteNad, exportable, getNad, type DeleteResult } from './store.js';
import { nadRow } from './summary.js';

type NameArgs = ArgValues<typeof nadNameArgs>;

export async function runNadGet(_flags: GlobalFlagValues, io: CommandIo, args: NameArgs): Promise<NetworkAttachmentDefinition> {
  const nad = exportable(await getNad(await io.cluster(), args.name));
  await io.print(nad, (n) => renderNadGet(nadRow(n, [])));
  return nad;
}

export async function runNadDelete(flags: FlagValues<typeof nadDeleteFlags> & GlobalFlagValues, io: CommandIo, args: NameArgs): Promise<DeleteResult> {
  const result = await deleteNad(await io.cluster(), args.name, flags.force, (l) => io.note(l));
  await io.print(result, (r) => `networkattachmentdefinition ${r.namespace}/${r.name} deleted`);
  return result;
}
