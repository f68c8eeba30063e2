/**
 * Node helpers on a real lab (`multusctl lab up`): a pod with eth0 + macvlan net1 inspected through
 * the lab, local and ssh transports (a real sshd started inside the lab node's namespaces, reached
 * at the node's InternalIP) with identical parsed output; host keys checked; a leaked host-local
 * lease found by `debug node`; a mismatch made for real inside the pod.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETNS_SKIP } from '../support/netns.js';
import { startSshd, SSHD, type TestSshd } from '../support/sshd.js';
import { runCli } from './helpers.js';
import { forceCleanup, kubectl, labDown, labProcesses, labTestTarget, labUp, leftovers } from './lab-helpers.js';
import { connect } from '../../src/k8s/client.js';
import type { V1Node, V1Pod } from '../../src/k8s/types.js';
import { labNodeArgv, labNodeRoot, labPodNetns } from '../../src/lab/node-argv.js';
import { internalIp } from '../../src/node/connect.js';
import { runChecked } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';

const SKIP = NETNS_SKIP || (existsSync(SSHD) ? false : 'openssh-server is not installed');
const t = labTestTarget('mh');
const NET = 'mh-macvlan';

const NAD = JSON.stringify({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: NET },
  spec: { config: JSON.stringify({ cniVersion: '1.0.0', name: NET, type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: '192.168.88.0/24' } }) },
});
const POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', annotations: { 'k8s.v1.cni.cncf.io/networks': NET } },
  spec: { nodeName: 'lab-node1', containers: [{ name: 'c', image: 'nicolaka/netshoot' }] },
});

describe('node helpers on the lab', { skip: SKIP, timeout: 900_000 }, () => {
  let sshd: TestSshd | undefined;
  let home: string;
  let node: V1Node;
  let pod: V1Pod;
  const kc = (): string[] => ['--kubeconfig', join(t.dir, 'kubeconfig')];
  const cli = (args: string[]) => runCli([...args, ...kc()], { env: { HOME: home }, timeoutMs: 120_000 });
  // No --ssh-host: the transport connects to the node's InternalIP.
  const ssh = (): string[] => ['--via', 'ssh', '--ssh-port', String(sshd!.port), '--ssh-user', 'root', '--ssh-key', sshd!.clientKey];
  async function json(args: string[]): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await cli([...args, '-o', 'json']);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }
  const strip = (r: any) => ({ ...r, transport: undefined }); // eslint-disable-line @typescript-eslint/no-explicit-any

  before(async () => {
    process.once('SIGINT', () => {
      forceCleanup(t);
      process.exit(130);
    });
    home = mkdtempSync(join(tmpdir(), 'mhome-'));
    const up = await labUp(t);
    assert.equal(up.code, 0, `lab up: ${up.stderr}`);
    for (const [what, doc] of [['NAD', NAD], ['pod', POD]] as const) {
      const r = await kubectl(t, ['apply', '-f', '-'], doc);
      assert.equal(r.exitCode, 0, `${what}: ${r.stderr}`);
    }
    const ready = await kubectl(t, ['wait', '--for=condition=Ready', 'pod/web', '--timeout=120s']);
    assert.equal(ready.exitCode, 0, ready.stderr);
    const cluster = await connect({ kubeconfig: join(t.dir, 'kubeconfig'), env: {} });
    node = (await cluster.nodes.get('lab-node1'))!;
    pod = (await cluster.pods.get('default', 'web'))!;
    sshd = await startSshd({ host: internalIp(node), wrap: (argv) => labNodeArgv(node, argv) });
  });

  after(async () => {
    try {
      await sshd?.close();
      const r = await labDown(t);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(leftovers(t.prefix), []);
    } finally {
      for (const pid of labProcesses(t.dir)) process.kill(pid, 'SIGKILL');
      forceCleanup(t);
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('ssh to the node: an unknown host key is refused, --ssh-accept-new records it, then it is known', async () => {
    const refused = await cli(['pod', 'inspect', 'web', ...ssh()]);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, new RegExp(`host key of \\[${internalIp(node)!.replaceAll('.', '\\.')}\\]:${sshd!.port} .* is not in`));
    const accepted = await cli(['pod', 'inspect', 'web', ...ssh(), '--ssh-accept-new']);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.match(readFileSync(join(home, '.ssh', 'known_hosts'), 'utf8'), new RegExp(`^\\[${internalIp(node)}\\]:${sshd!.port} ssh-ed25519 `));
    const known = await cli(['pod', 'inspect', 'web', ...ssh()]);
    assert.equal(known.code, 0, known.stderr);
  });

  it('pod inspect gives identical parsed output through lab, local and ssh', async () => {
    const viaLab = await json(['pod', 'inspect', 'web', '--via', 'lab']);
    const viaLocal = await json(['pod', 'inspect', 'web', '--via', 'local']);
    const viaSsh = await json(['pod', 'inspect', 'web', ...ssh()]);
    assert.equal((await json(['pod', 'inspect', 'web'])).transport, 'lab', 'auto picks lab for a lab node');
    assert.deepEqual(strip(viaSsh), strip(viaLab));
    // --via local means "this host is the node": on a lab host the node-side lint facts (binDir,
    // interfaces for NAD011) are this host's, so only the pod's own view is compared for it.
    const podView = (r: any) => ({ interfaces: r.interfaces, defaultRoutes: r.defaultRoutes, networkStatus: r.networkStatus, pod: r.pod }); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(podView(viaLocal), podView(viaLab));
    assert.deepEqual(viaLab.findings, [], JSON.stringify(viaLab.findings));
    const net1 = viaLab.interfaces.find((i: any) => i.name === 'net1'); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual([net1.kind, net1.state, net1.network], ['macvlan', 'up', `default/${NET}`]);
    assert.match(net1.addresses[0], /^192\.168\.88\.\d+\/24$/);
  });

  it('debug node: the same through lab and ssh, and a leaked lease (DEL never ran) is found', async () => {
    const dir = join(labNodeRoot(node)!, 'var/lib/cni/networks', NET);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '192.168.88.250'), 'c0ffee0000000000000000000000000000000000000000000000000000000000\r\nnet1');
    const viaLab = await json(['debug', 'node', 'lab-node1', '--via', 'lab']);
    const viaSsh = await json(['debug', 'node', 'lab-node1', ...ssh()]);
    assert.deepEqual(strip(viaSsh), strip(viaLab));
    assert.equal(viaLab.cniConfig.multusFirst, true);
    assert.deepEqual(viaLab.leases.leaks.map((l: any) => [l.ip, l.file]), [['192.168.88.250', `/var/lib/cni/networks/${NET}/192.168.88.250`]]); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.ok(viaLab.leases.total >= 2, 'the live pod lease is counted but not leaked');
    assert.deepEqual(viaLab.findings.filter((f: any) => f.level === 'error'), []); // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  it('debug route names the NAD a destination leaves by', async () => {
    const r = await json(['debug', 'route', 'web', '--to', '192.168.88.77', ...ssh()]);
    assert.deepEqual([r.lookup.dev, r.lookup.network], ['net1', `default/${NET}`]);
    assert.equal(r.defaultInterface, 'eth0');
  });

  it('a second default route and a deleted net1, made inside the lab pod, are found', async () => {
    const netns = labPodNetns(pod)!;
    const inPod = (...args: string[]) => runChecked(inNetns(netns, ['ip', ...args]));
    await inPod('route', 'add', 'default', 'via', '192.168.88.1', 'dev', 'net1', 'metric', '500');
    const two = await json(['pod', 'inspect', 'web', ...ssh()]);
    assert.deepEqual(two.findings.map((f: any) => f.id), ['multiple-default-routes']); // eslint-disable-line @typescript-eslint/no-explicit-any
    await inPod('link', 'del', 'net1');
    const gone = await json(['pod', 'inspect', 'web', '--via', 'lab']);
    assert.deepEqual(gone.findings.map((f: any) => `${f.id}@${f.interface}`), ['attachment-missing@net1', 'stale-network-status@net1']); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
});
