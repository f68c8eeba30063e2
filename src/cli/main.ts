/**
 * The bundle's entry: oclif's runner plus the command index. bin/run.js imports this lazily,
 * after its own fast paths, so `--version` never pays for oclif.
 */
import { execute } from '@oclif/core';

export { COMMANDS } from '../../commands/index.js';

export async function run(argv: string[], root: string): Promise<void> {
  await execute({ args: argv, dir: root });
}
