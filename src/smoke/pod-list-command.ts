/**
 * The one implementation of `multusctl pod list`, shared by its oclif command class and the
 * oclif-free front door (src/cli/front-door.ts).
 */
import type { CommandIo } from '../cli/command-io.js';
import type { FlagValues } from '../cli/flag-spec.js';
import type { GlobalFlagValues } from '../cli/global-flags.js';
import type { podListFlags } from './command-flags.js';
import { podListEntries, renderPodList, type PodListEntry } from './pod-list.js';

export async function runPodList(flags: FlagValues<typeof podListFlags> & GlobalFlagValues, io: CommandIo): Promise<PodListEntry[]> {
  const cluster = await io.cluster();
  const entries = podListEntries(await cluster.pods.list(flags['all-namespaces'] ? {} : { namespace: cluster.namespace }));
  await io.print(entries, renderPodList);
  return entries;
}
