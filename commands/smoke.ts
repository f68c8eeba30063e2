import { randomBytes, randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/base-command.js';
import type { SmokeResult } from '../src/smoke/run.js';
import { CliError } from '../src/cli/errors.js';
import { ExitCode } from '../src/cli/exit-codes.js';
import { nodeHelperFlags, nodeHelperOptions } from '../src/node/flags.js';

export default class Smoke extends BaseCommand<typeof Smoke> {
  static override summary = 'End-to-end test of Multus for CI: two pods on a NAD, checked and cleaned up';
  static override description = `Creates a throw-away namespace (multusctl-smoke-<random>), the NAD(s) given with --nad or a default one that fits the cluster (a macvlan on --master, on a lab on eth1; else a bridge, with both pods on one node), and two pods on two nodes. Then runs named checks: setup, pods-running, attachment-present, ips-in-range, network-status, default-route, ping (both ways over net1, inside the pods' netns through node helpers), del-frees-ips (host-local leases gone). Prints a line per check and "N passed, N failed"; exits 1 on any failure. Always deletes what it created, Ctrl-C included, unless --keep and a check failed.`;
  static override examples = [
    { description: 'On the lab or any cluster whose nodes share eth1', command: '<%= config.bin %> <%= command.id %> --master eth1' },
    { description: 'Test existing NADs, write JUnit for CI', command: '<%= config.bin %> <%= command.id %> --nad default/macvlan-conf --junit smoke.xml' },
    { description: 'Only the ping checks, keep everything when they fail', command: '<%= config.bin %> <%= command.id %> --test ping --keep' },
    { description: 'Everything but ping', command: `<%= config.bin %> <%= command.id %> --test '!ping'` },
  ];
  static override flags = {
    nad: Flags.string({ description: 'existing NAD to test ([namespace/]name; repeatable); default: create one', multiple: true }),
    master: Flags.string({ description: 'node interface for the default macvlan NAD (default: eth1 on a lab, else a bridge NAD)' }),
    subnet: Flags.string({ description: 'IPv4 subnet of the default NAD (default: a random 10.253.X.0/24)' }),
    'single-node': Flags.boolean({ description: 'run both pods on one node' }),
    image: Flags.string({ description: 'test pod image (default nicolaka/netshoot)' }),
    test: Flags.string({ description: 'run only checks whose id matches this regex; !REGEX leaves them out (repeatable)', multiple: true }),
    junit: Flags.string({ description: 'write a JUnit XML report to this file' }),
    keep: Flags.boolean({ description: 'keep the namespace, NADs and pods when a check fails' }),
    'default-route-interface': Flags.string({ description: 'the interface the default route must leave by', default: 'eth0' }),
    ...nodeHelperFlags,
  };

  public async run(): Promise<SmokeResult> {
    const [{ toJUnitXml }, { parseSelector }, { helperCache }, { spinner }, { renderCheckLine, renderSummary }, { runSmoke }, { nodeHelperFor }] = await Promise.all([
      import('../src/smoke/framework/junit.js'),
      import('../src/smoke/framework/selection.js'),
      import('../src/smoke/helper-cache.js'),
      import('../src/smoke/progress.js'),
      import('../src/smoke/render.js'),
      import('../src/smoke/run.js'),
      import('../src/node/connect.js'),
    ]);
    const { flags } = this;
    const cluster = await this.cluster();
    const nodeOptions = nodeHelperOptions(flags, this.environment, { trace: (line) => this.trace(line) });
    const selector = flags.test === undefined ? undefined : parseSelector(flags.test);
    const human = flags.output === 'table' || flags.output === 'wide';
    const progress = spinner(process.stderr, (line) => this.log(line));
    const helpers = helperCache((node) => nodeHelperFor(cluster, node, nodeOptions));
    const started = new Date();
    let result: SmokeResult;
    try {
      result = await runSmoke(cluster, {
        request: {
          nads: flags.nad ?? [], nadNamespace: cluster.namespace, master: flags.master, subnet: flags.subnet,
          singleNode: flags['single-node'], image: flags.image, suffix: randomBytes(3).toString('hex'), octet: randomInt(1, 255),
        },
        selector, keep: flags.keep, podTimeoutMs: this.timeoutMs(120_000), defaultRouteInterface: flags['default-route-interface'],
        signal: this.interrupt.signal, helper: (node) => helpers.get(node),
        onStart: (c) => progress.update(`${c.id}: ${c.title}`),
        onResult: (r) => (human ? progress.line(renderCheckLine(r, this.colors)) : undefined),
        progress: (text) => progress.update(text),
      });
    } finally {
      progress.stop();
      await helpers.closeAll();
    }
    if (flags.junit) {
      writeFileSync(flags.junit, toJUnitXml(result.report, { suite: 'multusctl smoke', classname: 'multusctl.smoke', timestamp: started, properties: { context: result.context, namespace: result.namespace, nads: result.nads.join(',') } }));
    }
    for (const note of result.notes) this.note(`note: ${note}`);
    if (result.kept) this.note(`kept namespace ${result.namespace} for inspection: delete it with kubectl delete namespace ${result.namespace}`);
    if (human) this.log(renderSummary(result.report, this.colors));
    else await this.print(result, () => '');
    if (this.interrupt.signal.aborted) throw new CliError('interrupted; what smoke created was deleted', { exit: ExitCode.interrupted });
    if (result.report.failed > 0) throw new CliError(`${result.report.failed} smoke check${result.report.failed === 1 ? '' : 's'} failed`, { exit: ExitCode.checkFailed, hint: 'each failed check above says why; run again with --keep to inspect the pods' });
    return result;
  }
}
