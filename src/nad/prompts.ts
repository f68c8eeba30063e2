/**
 * The wizard's prompts over @inquirer/prompts, imported only when the wizard runs. Questions go
 * to stderr so `nad create … --dry-run > nad.yaml` keeps stdout for the manifest; Ctrl-C (or the
 * command's interrupt signal) ends the wizard with exit 130.
 */
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Prompts } from './wizard.js';

function interrupted(err: unknown): never {
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new CliError('interrupted: nothing was created', { exit: ExitCode.interrupted });
  throw err;
}

export async function inquirerPrompts(signal?: AbortSignal): Promise<Prompts> {
  const inquirer = await import('@inquirer/prompts');
  const context = { output: process.stderr, signal };
  return {
    select: (o) => inquirer.select(o, context).catch(interrupted),
    input: (o) => inquirer.input(o, context).catch(interrupted),
  };
}
