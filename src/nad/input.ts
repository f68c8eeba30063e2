/**
 * Reading NAD input for the commands: files and stdin ("-"), each parsed by the front end; any
 * input problem becomes one CliError (exit 2) naming the file, line and column.
 */
import { readFile } from 'node:fs/promises';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { parseManifests } from './manifest.js';
import type { InputProblem, NadDocument } from './types.js';

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

export function problemError(p: InputProblem): CliError {
  const where = [p.file === '-' ? 'stdin' : p.file, p.line, p.column].filter((x) => x !== undefined).join(':');
  return new CliError(`${where ? `${where}: ` : ''}${p.message}`, { exit: ExitCode.usage, hint: p.hint });
}

async function readOne(file: string, stdin: () => Promise<string>): Promise<string> {
  if (file === '-') return stdin();
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`, { exit: ExitCode.usage, hint: 'give a readable YAML or JSON file, or - for stdin' });
  }
}

/** Reads and parses every input; throws the first problem as a CliError. */
export async function readNadInputs(files: readonly string[], stdin: () => Promise<string> = () => readStdin()): Promise<NadDocument[]> {
  const docs: NadDocument[] = [];
  for (const file of files) {
    const { documents, problems } = parseManifests(await readOne(file, stdin), { file });
    if (problems.length > 0) throw problemError(problems[0]!);
    docs.push(...documents);
  }
  return docs;
}
