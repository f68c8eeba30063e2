// Renders man/*.1 and the README's command reference from oclif.manifest.json (itself generated from
// the command classes by `oclif manifest` during the build), so --help, man pages and README come
// from the same metadata. `node scripts/docs.js` writes; `--check` exits 1 when anything is stale.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, unlinkSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = pkg.oclif.bin;
const README_START = '<!-- commands -->';
const README_END = '<!-- commandsstop -->';

function loadManifest() {
  const path = join(root, 'oclif.manifest.json');
  if (!existsSync(path)) throw new Error('oclif.manifest.json is missing: run `npm run build` first');
  return JSON.parse(readFileSync(path, 'utf8'));
}

const commandsOf = (manifest) =>
  Object.values(manifest.commands)
    .filter((c) => !c.hidden)
    .sort((a, b) => a.id.localeCompare(b.id));

const words = (id) => id.split(':').join(' ');

/** oclif examples may use EJS-style placeholders; expand the two it documents. */
function expandExample(text, cmd) {
  return text.replaceAll('<%= config.bin %>', bin).replaceAll('<%= command.id %>', words(cmd.id));
}

function exampleList(cmd) {
  return (cmd.examples ?? []).map((e) => (typeof e === 'string' ? { command: e } : e)).map((e) => ({
    description: e.description ? expandExample(e.description, cmd) : undefined,
    command: expandExample(e.command, cmd),
  }));
}

function flagSignature(flag) {
  const names = [flag.char ? `-${flag.char}` : null, `--${flag.name}`].filter(Boolean).join(', ');
  if (flag.type === 'boolean') return names;
  const value = flag.options ? flag.options.join('|') : 'VALUE';
  return `${names} ${flag.options ? `(${value})` : value}`;
}

function flagDescription(flag) {
  const parts = [flag.summary ?? flag.description ?? ''];
  if (flag.multiple) parts.push('(repeatable)');
  if (flag.default !== undefined && flag.type !== 'boolean') parts.push(`[default: ${flag.default}]`);
  return parts.filter(Boolean).join(' ');
}

const sortedFlags = (cmd) => Object.values(cmd.flags ?? {}).filter((f) => !f.hidden).sort((a, b) => {
  const ga = a.helpGroup ? 1 : 0;
  const gb = b.helpGroup ? 1 : 0;
  return ga - gb || a.name.localeCompare(b.name);
});

function usage(cmd) {
  const args = Object.values(cmd.args ?? {}).map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`));
  return [bin, words(cmd.id), ...args, '[FLAGS]'].join(' ');
}

/** roff needs leading dots/quotes and backslashes escaped. */
function roff(text) {
  return String(text).replaceAll('\\', '\\e').replaceAll('-', '\\-').split('\n').map((l) => (/^[.']/.test(l) ? `\\&${l}` : l)).join('\n');
}

const EXIT_CODES = [
  ['0', 'ok'],
  ['1', 'a check found problems (validate, doctor, smoke, check)'],
  ['2', 'usage error or bad input'],
  ['3', 'cannot reach or authenticate to the cluster'],
  ['4', 'a resource was not found'],
  ['5', 'a plugin / CNI operation failed'],
  ['130', 'interrupted (after cleanup)'],
];

function manPage(cmd) {
  const name = `${bin}-${cmd.id.split(':').join('-')}`;
  const lines = [
    `.TH ${name.toUpperCase().replaceAll('-', '\\-')} 1 "" "${bin} ${pkg.version}" "${bin} manual"`,
    '.SH NAME',
    `${roff(name)} \\- ${roff(cmd.summary ?? (cmd.description ?? '').split('\n')[0])}`,
    '.SH SYNOPSIS',
    `.B ${roff(usage(cmd))}`,
  ];
  if (cmd.description) lines.push('.SH DESCRIPTION', roff(cmd.description));
  const args = Object.values(cmd.args ?? {});
  if (args.length > 0) {
    lines.push('.SH ARGUMENTS');
    for (const a of args) lines.push('.TP', `.B ${roff(a.name.toUpperCase())}`, roff(a.description ?? ''));
  }
  const flags = sortedFlags(cmd);
  if (flags.length > 0) {
    lines.push('.SH OPTIONS');
    for (const f of flags) lines.push('.TP', `.B ${roff(flagSignature(f))}`, roff(flagDescription(f)));
  }
  const examples = exampleList(cmd);
  if (examples.length > 0) {
    lines.push('.SH EXAMPLES');
    for (const e of examples) {
      if (e.description) lines.push('.PP', roff(e.description));
      lines.push('.PP', '.nf', `.RS 4`, roff(e.command), '.RE', '.fi');
    }
  }
  lines.push('.SH EXIT STATUS');
  for (const [code, meaning] of EXIT_CODES) lines.push('.TP', `.B ${code}`, roff(meaning));
  lines.push('.SH SEE ALSO', `${roff(bin)}(1)`);
  return { file: `${name}.1`, text: `${lines.join('\n')}\n` };
}

function indexPage(commands) {
  const lines = [
    `.TH ${bin.toUpperCase()} 1 "" "${bin} ${pkg.version}" "${bin} manual"`,
    '.SH NAME',
    `${roff(bin)} \\- ${roff(pkg.description)}`,
    '.SH SYNOPSIS',
    `.B ${roff(bin)} COMMAND [ARGS] [FLAGS]`,
    '.SH COMMANDS',
  ];
  for (const c of commands) lines.push('.TP', `.B ${roff(`${bin} ${words(c.id)}`)}`, roff(c.summary ?? (c.description ?? '').split('\n')[0]));
  lines.push('.SH EXIT STATUS');
  for (const [code, meaning] of EXIT_CODES) lines.push('.TP', `.B ${code}`, roff(meaning));
  lines.push('.SH SEE ALSO', commands.map((c) => `${roff(`${bin}-${c.id.split(':').join('-')}`)}(1)`).join(', '));
  return { file: `${bin}.1`, text: `${lines.join('\n')}\n` };
}

export function renderManPages(manifest) {
  const commands = commandsOf(manifest);
  return [indexPage(commands), ...commands.map(manPage)];
}

export function renderReadmeReference(manifest) {
  const out = [];
  for (const cmd of commandsOf(manifest)) {
    out.push(`### \`${bin} ${words(cmd.id)}\``, '', cmd.summary ?? (cmd.description ?? '').split('\n')[0], '', '```', usage(cmd), '```', '');
    if (cmd.description && cmd.summary) out.push(cmd.description, '');
    const own = sortedFlags(cmd).filter((f) => !f.helpGroup);
    if (own.length > 0) {
      out.push('| flag | meaning |', '|---|---|');
      for (const f of own) out.push(`| \`${flagSignature(f).replaceAll('|', '\\|')}\` | ${flagDescription(f).replaceAll('|', '\\|')} |`);
      out.push('');
    }
    const examples = exampleList(cmd);
    if (examples.length > 0) {
      out.push('```sh', ...examples.flatMap((e) => (e.description ? [`# ${e.description}`, e.command] : [e.command])), '```', '');
    }
  }
  out.push(`Every command that talks to a cluster also takes the global flags \`--kubeconfig\`, \`--context\`, \`-n/--namespace\`, \`-o/--output table|wide|json|yaml\`, \`--no-color\`, \`-v/--debug\` and \`--timeout\`; \`${bin} help COMMAND\` and \`man ${bin}-COMMAND\` show everything.`);
  return out.join('\n');
}

function spliceReadme(readme, reference) {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${README_START} … ${README_END} markers`);
  return `${readme.slice(0, start + README_START.length)}\n${reference}\n${readme.slice(end)}`;
}

/** Every file docs would write, with its wanted content, and the stale man pages to delete. */
export function plan() {
  const manifest = loadManifest();
  const pages = renderManPages(manifest);
  const manDir = join(root, 'man');
  const wanted = new Set(pages.map((p) => p.file));
  const existing = existsSync(manDir) ? readdirSync(manDir).filter((f) => f.endsWith('.1')) : [];
  const readmePath = join(root, 'README.md');
  return {
    writes: [
      ...pages.map((p) => ({ path: join(manDir, p.file), text: p.text })),
      { path: readmePath, text: spliceReadme(readFileSync(readmePath, 'utf8'), renderReadmeReference(manifest)) },
    ],
    deletes: existing.filter((f) => !wanted.has(f)).map((f) => join(manDir, f)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { writes, deletes } = plan();
  const stale = writes.filter((w) => !existsSync(w.path) || readFileSync(w.path, 'utf8') !== w.text).map((w) => w.path);
  if (process.argv.includes('--check')) {
    const all = [...stale, ...deletes];
    if (all.length > 0) {
      console.error(`stale docs (run \`npm run docs\`):\n${all.map((p) => `  ${p}`).join('\n')}`);
      process.exit(1);
    }
    console.log('docs are up to date');
  } else {
    mkdirSync(join(root, 'man'), { recursive: true });
    for (const w of writes) writeFileSync(w.path, w.text);
    for (const d of deletes) unlinkSync(d);
    console.log(`wrote ${writes.length} files, removed ${deletes.length}`);
  }
}
