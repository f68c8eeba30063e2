#!/usr/bin/env node
// multusctl's launcher. Four jobs only: behave as a CNI plugin when CNI_COMMAND is set, answer
// `--version` without loading anything (start-up time is a feature), run a valid `add`, `del`,
// `check`, `nad list|get|delete` or `pod list` without oclif, and hand everything else to oclif.
// CommonJS (bin/package.json says so): Node starts an ESM entry several ms slower.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const argv = process.argv.slice(2);
const BUNDLE = join(__dirname, '..', 'dist', 'bundle');

/**
 * The commands of the front door (src/cli/front-door.ts FRONT_DOOR_COMMANDS; a test keeps the two
 * lists equal). Named here so no other command pays for loading the front door's bundle.
 */
const FRONT_DOOR_COMMANDS = ['add', 'del', 'check', 'nad list', 'nad get', 'nad delete', 'pod list'];

/** The CNI spec's commands, each with a code cache of its own; any other value shares one. */
const CNI_COMMANDS = ['ADD', 'DEL', 'CHECK', 'VERSION', 'GC', 'STATUS'];

/**
 * One of the two lean bundles (dist/bundle/plugin.cjs, invoke.cjs: one file each, no oclif),
 * compiled through a V8 code cache kept per command (src/cli/code-cache.ts).
 */
function leanBundle(name, command) {
  const { loadLeanBundle } = require(join(BUNDLE, 'code-cache.cjs'));
  return loadLeanBundle(join(BUNDLE, `${name}.cjs`), command);
}

/**
 * A front-door command with a fully valid argv runs through the front door (dist/bundle/invoke.cjs),
 * the same logic without oclif's start-up; it answers undefined for any other argv (--help, a usage
 * error, MULTUSCTL_NO_FAST_PATH=1 …), which oclif then handles exactly as before.
 */
async function ranWithoutOclif(args) {
  const command = FRONT_DOOR_COMMANDS.find((id) => id.split(' ').every((word, i) => args[i] === word));
  if (command === undefined) return false;
  const { frontDoorMain } = leanBundle('invoke', command);
  const code = await frontDoorMain(args);
  if (code === undefined) return false;
  // Like oclif: a failure exits at once with its code; a success lets the process end on its own.
  if (code !== 0) process.exit(code);
  return true;
}

async function main() {
  if (process.env.CNI_COMMAND) {
    // Plugin mode: a runtime (or cnitool, or the lab kubelet) runs us as the `multus` CNI plugin.
    // Only the plugin bundle loads; exit codes follow the CNI spec (0 ok, 1 error JSON on stdout).
    const command = process.env.CNI_COMMAND;
    const { pluginMain } = leanBundle('plugin', CNI_COMMANDS.includes(command) ? command : 'other');
    process.exitCode = await pluginMain();
  } else if (argv.length === 1 && argv[0] === '--version') {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
    // The same line oclif prints: bin/version platform-arch node-version.
    process.stdout.write(`${pkg.oclif.bin}/${pkg.version} ${process.platform}-${process.arch} node-${process.version}\n`);
  } else if (!(await ranWithoutOclif(argv))) {
    // oclif finds its configuration from the package root (the directory of package.json).
    const { run } = await import(require('node:url').pathToFileURL(join(BUNDLE, 'main.js')).href);
    await run(argv, join(__dirname, '..'));
  }
}

main().catch((err) => {
  // The bundles report their own errors; this is only for one that escaped them.
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
