/**
 * Reads one network namespace's live state (links, every routing table, the rules of both
 * families) with the same `ip -j` commands on every transport.
 */
import { IpArgv } from '../node/commands.js';
import type { HelperResult } from '../node/helper.js';
import { parseLinks, parseRoutes, parseRules, type Link, type Route, type Rule } from '../node/ip-json.js';

export interface NetnsState {
  links: Link[];
  routes: Route[];
  rules: Rule[];
}

export type RunIn = (argv: readonly string[]) => Promise<HelperResult>;

export async function runJson(run: RunIn, argv: readonly string[], where: string): Promise<string> {
  const r = await run(argv);
  if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} in ${where}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  return r.stdout;
}

export async function readNetnsState(run: RunIn, where: string): Promise<NetnsState> {
  const [addr, routes, rules4, rules6] = await Promise.all([
    runJson(run, IpArgv.addr, where),
    runJson(run, IpArgv.routes, where),
    runJson(run, IpArgv.rules4, where),
    // A kernel without IPv6 fails `ip -6 rule`: no IPv6 rules then.
    run(IpArgv.rules6).then((r) => (r.exitCode === 0 ? r.stdout : '[]')),
  ]);
  return { links: parseLinks(addr), routes: parseRoutes(routes), rules: [...parseRules(rules4, 4), ...parseRules(rules6, 6)] };
}
