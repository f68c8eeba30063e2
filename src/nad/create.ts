/**
 * `nad create` input: a NAD from -f (a NAD or a bare CNI config), from flags, or from the wizard
 * when flags are missing on a TTY. Validation before anything is applied.
 */
import { usageError } from '../cli/errors.js';
import { buildNad, missingOptions, type BuildOptions } from './build.js';
import { readNadInputs } from './input.js';
import { dns1123SubdomainProblem } from './names.js';
import { runWizard, type Prompts } from './wizard.js';
import type { NetworkAttachmentDefinition } from '../k8s/types.js';

export interface CreateInput {
  name?: string;
  file?: string;
  options: Omit<BuildOptions, 'name'>;
  /** True when stdin is a terminal: only then may the wizard ask. */
  interactive: boolean;
  prompts: () => Promise<Prompts>;
  stdin?: () => Promise<string>;
}

export function checkName(name: string): void {
  const problem = dns1123SubdomainProblem(name);
  if (problem !== undefined) {
    throw usageError(`NAD name ${JSON.stringify(name)} ${problem}`, `NAD names are DNS-1123 names: lower-case letters, digits, '-' and '.', e.g. ${JSON.stringify(name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-'))}`);
  }
}

async function fromFile(input: CreateInput, file: string): Promise<NetworkAttachmentDefinition> {
  const docs = await readNadInputs([file], input.stdin);
  if (docs.length !== 1) throw usageError(`${file === '-' ? 'stdin' : file} holds ${docs.length} NADs; nad create takes one`, 'split the file, or use kubectl apply -f for many');
  const [doc] = docs as [(typeof docs)[number]];
  if (doc.source.bare) {
    const name = input.name ?? doc.nad.metadata.name;
    checkName(name);
    return { ...doc.nad, metadata: { ...doc.nad.metadata, name } };
  }
  if (input.name !== undefined && input.name !== doc.nad.metadata.name) {
    throw usageError(`NAME ${input.name} differs from metadata.name ${doc.nad.metadata.name} in ${file}`, 'leave NAME out, or make them match');
  }
  return doc.nad;
}

/** Flag names of the build options that were given (for "-f cannot be combined with …"). */
function givenOptions(o: CreateInput['options']): string[] {
  const flag = (k: string): string => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^routes$/, 'route').replace(/^addresses$/, 'address')}`;
  return Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'cniVersion' && k !== 'namespace' && !(Array.isArray(v) && v.length === 0)).map(([k]) => flag(k));
}

export async function resolveCreateInput(input: CreateInput): Promise<NetworkAttachmentDefinition> {
  if (input.file !== undefined) {
    const extra = givenOptions(input.options);
    if (extra.length > 0) throw usageError(`-f cannot be combined with ${extra.join(', ')}`, 'the file defines the whole NAD; edit it, or build one from flags without -f');
    return fromFile(input, input.file);
  }
  if (input.name === undefined) throw usageError('missing NAME', 'nad create NAME --type macvlan --master eth1 --ipam host-local --subnet 10.10.0.0/24');
  checkName(input.name);
  let options: BuildOptions = { ...input.options, name: input.name };
  const missing = missingOptions(options);
  if (missing.length > 0) {
    if (!input.interactive) {
      throw usageError(`missing ${missing.join(', ')} (stdin is not a terminal, so nad create cannot ask)`, `e.g. nad create ${input.name} --type macvlan --master eth1 --ipam host-local --subnet 10.10.0.0/24, or -f FILE`);
    }
    options = await runWizard(options, await input.prompts());
  }
  return buildNad(options);
}
