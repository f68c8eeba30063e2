/**
 * pod inspect, debug route and debug node end to end: the built CLI against the lab's real API
 * server, Node and Pod objects whose lab annotations point at namespaces this test makes, read
 * through the lab, local and ssh (a real sshd on 127.0.0.1) transports.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NETNS_SKIP, NetnsFixture } from '../support/netns.js';
import { ip, makePodNetns, type PodNetns } from '../support/pod-netns.js';
import { startTestApiServer, type TestApiServer } from '../support/apiserver.js';
import { startSshd, SSHD, type TestSshd } from '../support/sshd.js';
import { runCli } from './helpers.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { Annotations, LabAnnotations, LAB_NODE_LABEL, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';
import { parseLinks } from '../../src/node/ip-json.js';

const SKIP = NETNS_SKIP || (existsSync(SSHD) ? false : 'openssh-server is not installed');
const NODE = 'lab-node1';

// Made at the top level: its after() hook must belong to the file, not to before().
const fx: NetnsFixture | undefined = SKIP ? undefined : new NetnsFixture('me');
let api: TestApiServer;
let cluster: Cluster;
let sshd: TestSshd;
let home: string;
let root: string;
let pod: PodNetns;
let canaryDir: string;

const base = (): string[] => ['--kubeconfig', api.kubeconfigPath];
const sshFlags = (): string[] => ['--via', 'ssh', '--ssh-host', sshd.host, '--ssh-port', String(sshd.port), '--ssh-user', 'root', '--ssh-key', sshd.clientKey];
const cli = (args: string[]) => runCli([...args, ...base()], { env: { HOME: home }, timeoutMs: 90_000 });

async function json(args: string[]): Promise<any> {
  const r = await cli([...args, '-o', 'json']);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function statusFromLive(): Promise<string> {
  const links = parseLinks(await ip(pod.name, '-j', 'addr', 'show'));
  const mac = (n: string) => links.find((l) => l.name === n)!.mac;
  return JSON.stringify([
    { name: 'lab-cluster', interface: 'eth0', ips: ['10.244.1.5'], mac: mac('eth0'), default: true, dns: {} },
    { name: 'default/macvlan-conf', interface: 'net1', ips: ['192.168.50.10'], mac: mac('net1'), dns: {} },
  ]);
}

before(async () => {
  if (SKIP) return;
  api = await startTestApiServer();
  cluster = await connect({ kubeconfig: api.kubeconfigPath, env: {} });
  sshd = await startSshd();
  home = mkdtempSync(join(tmpdir(), 'mhome-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  writeFileSync(join(home, '.ssh', 'known_hosts'), `[${sshd.host}]:${sshd.port} ${sshd.hostPublicKey}\n`);
  canaryDir = mkdtempSync(join(tmpdir(), 'mcanary-'));
  root = mkdtempSync(join(tmpdir(), 'mroot-'));
  const nodeNs = await makePodNetns(fx!, 'n', { eth0Ip: '172.30.0.11/24', net1Ip: '172.31.0.11/24', gateway: '172.30.0.1' });
  pod = await makePodNetns(fx!, 'p');
  await cluster.nodes.create({
    metadata: { name: NODE, labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: nodeNs.path, [LabAnnotations.root]: root } },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] },
  });
  await cluster.nads.create({
    apiVersion: NAD_API_VERSION,
    kind: NAD_KIND,
    metadata: { namespace: 'default', name: 'macvlan-conf' },
    spec: { config: JSON.stringify({ cniVersion: '1.0.0', name: 'lab-net', type: 'macvlan', master: 'eth0', ipam: { type: 'host-local', subnet: '192.168.50.0/24' } }) },
  });
  const created = await cluster.pods.create({
    metadata: { namespace: 'default', name: 'web', annotations: { [Annotations.networks]: 'macvlan-conf', [LabAnnotations.netns]: pod.path, [Annotations.networkStatus]: await statusFromLive() } },
    spec: { nodeName: NODE, containers: [{ name: 'c', image: 'busybox' }] },
  });
  await cluster.pods.updateStatus({ ...created, status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] } });
  // The node's files: multus first, binaries, a live lease and a leaked one (DEL never ran).
  const put = (path: string, text = ''): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('etc/cni/net.d/00-multus.conf', JSON.stringify({ cniVersion: '0.3.1', name: 'multus-cni-network', type: 'multus', clusterNetwork: 'lab-cluster' }));
  put('etc/cni/net.d/10-lab.conflist', JSON.stringify({ cniVersion: '1.0.0', name: 'lab-cluster', plugins: [{ type: 'bridge' }] }));
  for (const bin of ['multus', 'bridge', 'host-local', 'macvlan']) put(`opt/cni/bin/${bin}`);
  put('var/lib/cni/networks/lab-net/192.168.50.10', 'aaaa1111\r\nnet1');
  put('var/lib/cni/networks/lab-net/192.168.50.66', 'bbbb2222\r\nnet1');
});

after(async () => {
  await sshd?.close();
  await api?.close();
  await fx?.cleanup();
  for (const dir of [home, root, canaryDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  if (fx) assert.deepEqual(fx.leftovers(), []);
});

test('pod inspect reads the same through the lab, local and ssh transports', { skip: SKIP }, async () => {
  const viaLab = await json(['pod', 'inspect', 'web', '--via', 'lab']);
  const viaLocal = await json(['pod', 'inspect', 'web', '--via', 'local']);
  const viaSsh = await json(['pod', 'inspect', 'web', ...sshFlags()]);
  const auto = await json(['pod', 'inspect', 'web']);
  assert.deepEqual([viaLab.transport, viaLocal.transport, viaSsh.transport, auto.transport], ['lab', 'local', 'ssh', 'lab']);
  const strip = (r: any) => ({ ...r, transport: undefined });
  assert.deepEqual(strip(viaLocal), strip(viaLab));
  assert.deepEqual(strip(viaSsh), strip(viaLab));
  assert.deepEqual(viaLab.findings, []);
  assert.deepEqual(viaLab.interfaces.map((i: any) => [i.name, i.kind, i.state, i.network]), [['eth0', 'veth', 'up', 'lab-cluster'], ['net1', 'macvlan', 'up', 'default/macvlan-conf']]);
  assert.equal(viaLab.annotation.attachments[0].nad.type, 'macvlan');

  // NAD lint runs on the NADs the pod uses, with its node as facts (NAD011: master missing there).
  const nad = (await cluster.nads.get('default', 'macvlan-conf'))!;
  const config = JSON.parse(nad.spec!.config!);
  await cluster.nads.replace({ ...nad, spec: { config: JSON.stringify({ ...config, master: 'eth9' }) } });
  try {
    const linted = await json(['pod', 'inspect', 'web']);
    assert.deepEqual(linted.findings.map((f: any) => [f.id, f.level, f.interface]), [['NAD011', 'error', 'net1']]);
    assert.match(linted.findings[0].message, /master eth9 does not exist on node lab-node1/);
    assert.equal(linted.annotation.attachments[0].nad.lint[0].id, 'NAD011');
  } finally {
    const current = (await cluster.nads.get('default', 'macvlan-conf'))!;
    await cluster.nads.replace({ ...current, spec: { config: JSON.stringify(config) } });
  }

  const human = await cli(['pod', 'inspect', 'web', 'net1']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /net1\s+default\/macvlan-conf\s+macvlan\s+macvlan/);
  assert.doesNotMatch(human.stdout, /^eth0/m);
  assert.match(human.stdout, /no problems found/);
});

test('pod inspect: each mismatch, made for real, is found (exit 0, findings in -o json)', { skip: SKIP }, async () => {
  const ids = async (...extra: string[]) => (await json(['pod', 'inspect', 'web', ...extra])).findings.map((f: any) => `${f.id}@${f.interface ?? '-'}`);
  const good = await statusFromLive();
  // network-status edited through the API.
  const edited = JSON.parse(good);
  edited[1].ips = ['192.168.50.99'];
  await cluster.pods.patchAnnotations('default', 'web', { [Annotations.networkStatus]: JSON.stringify(edited) });
  assert.deepEqual(await ids(), ['ip-missing@net1']);
  await cluster.pods.patchAnnotations('default', 'web', { [Annotations.networkStatus]: good });
  // A second default route.
  await ip(pod.name, 'route', 'add', 'default', 'via', '192.168.50.1', 'dev', 'net1', 'metric', '100');
  assert.deepEqual(await ids('--via', 'local'), ['multiple-default-routes@-']);
  const human = await cli(['pod', 'inspect', 'web']);
  assert.match(human.stdout, /warning\s+multiple-default-routes/);
  await ip(pod.name, 'route', 'del', 'default', 'via', '192.168.50.1', 'dev', 'net1', 'metric', '100');
  // The link flipped down.
  await ip(pod.name, 'link', 'set', 'net1', 'down');
  assert.deepEqual(await ids(...sshFlags()), ['interface-down@net1']);
  await ip(pod.name, 'link', 'set', 'net1', 'up');
  assert.deepEqual(await ids(), []);
  // net1 deleted: requested but gone, and network-status is stale.
  await ip(pod.name, 'link', 'del', 'net1');
  assert.deepEqual(await ids('--via', 'local'), ['attachment-missing@net1', 'stale-network-status@net1']);
  await ip(pod.name, 'link', 'add', 'net1', 'link', 'eth0', 'type', 'macvlan', 'mode', 'bridge');
  await ip(pod.name, 'link', 'set', 'net1', 'addrgenmode', 'none');
  await ip(pod.name, 'addr', 'add', '192.168.50.10/24', 'dev', 'net1');
  await ip(pod.name, 'link', 'set', 'net1', 'up');
  assert.deepEqual(await ids(), ['mac-mismatch@net1'], 'the new net1 has a new MAC');
  await cluster.pods.patchAnnotations('default', 'web', { [Annotations.networkStatus]: await statusFromLive() });
  assert.deepEqual(await ids(), []);
});

test('debug route: tables, the path to a destination with its NAD, warnings', { skip: SKIP }, async () => {
  await ip(pod.name, 'route', 'add', '10.96.0.0/12', 'via', '192.168.50.1', 'dev', 'net1');
  try {
    const r = await json(['debug', 'route', 'web', '--to', '10.96.0.1', '--service-cidr', '10.96.0.0/12']);
    assert.deepEqual(r.clusterCidrs, ['10.244.1.0/24'], 'from the nodes');
    assert.deepEqual([r.lookup.dev, r.lookup.gateway, r.lookup.network], ['net1', '192.168.50.1', 'default/macvlan-conf']);
    assert.deepEqual(r.warnings.map((w: any) => w.id), ['shadows-service-cidr', 'asymmetric-routing']);
    const human = await cli(['debug', 'route', 'web', '--to', '10.96.0.1', '--via', 'local']);
    assert.match(human.stdout, /Path to 10\.96\.0\.1: via 192\.168\.50\.1 dev net1 \(network default\/macvlan-conf\)/);
    const bad = await cli(['debug', 'route', 'web', '--to', 'not-an-ip']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--to not-an-ip is not an IP address/);
  } finally {
    await ip(pod.name, 'route', 'del', '10.96.0.0/12');
  }
});

test('debug node finds a leaked host-local lease', { skip: SKIP }, async () => {
  const r = await json(['debug', 'node', NODE]);
  assert.equal(r.transport, 'lab');
  assert.equal(r.cniConfig.multusFirst, true);
  assert.deepEqual(r.leases.leaks.map((l: any) => [l.ip, l.containerId, l.file]), [['192.168.50.66', 'bbbb2222', '/var/lib/cni/networks/lab-net/192.168.50.66']]);
  assert.deepEqual(r.findings.map((f: any) => f.id), ['lease-leak']);
  assert.deepEqual(r.masters, [{ master: 'eth0', usedBy: ['default/macvlan-conf'], present: true }]);
  const human = await cli(['debug', 'node', NODE]);
  assert.match(human.stdout, /leaked: 1/);
  assert.match(human.stdout, /192\.168\.50\.66\s+bbbb2222\s+\/var\/lib\/cni\/networks\/lab-net\/192\.168\.50\.66/);
});

test('names with shell metacharacters run nothing through any transport', { skip: SKIP }, async () => {
  const canary = join(canaryDir, 'CANARY');
  // (src/node/quote.ts is property-tested; here two typical attempts go through the whole CLI.)
  const evil = [`$(touch ${canary})`, `x' ; touch ${canary} '`];
  for (const name of evil) {
    for (const via of [['--via', 'lab'], ['--via', 'local'], sshFlags()]) {
      const iface = await cli(['pod', 'inspect', 'web', name, ...via]);
      assert.equal(iface.code, 4, `${name} ${via.join(' ')}: ${iface.stderr}`);
      const node = await cli(['debug', 'node', name, ...via]);
      assert.equal(node.code, 4, node.stderr);
    }
  }
  const pending = await cluster.pods.create({ metadata: { namespace: 'default', name: 'pending' }, spec: { nodeName: NODE, containers: [{ name: 'c', image: 'busybox' }] } });
  const noSandbox = await cli(['pod', 'inspect', pending.metadata!.name!, '--via', 'lab']);
  assert.equal(noSandbox.code, 4, noSandbox.stderr);
  assert.match(noSandbox.stderr, /has no network namespace yet/);
  const missing = await cli(['pod', 'inspect', 'nosuchpod']);
  assert.equal(missing.code, 4);
  assert.match(missing.stderr, /pod nosuchpod not found in namespace default/);
  // A netns path (from the API, so not trusted) with metacharacters reaches argv and the ssh quoting.
  const created = await cluster.pods.create({
    metadata: { namespace: 'default', name: 'evil', annotations: { [LabAnnotations.netns]: `/var/run/netns/x$(touch ${canary});touch ${canary}` } },
    spec: { nodeName: NODE, containers: [{ name: 'c', image: 'busybox' }] },
  });
  await cluster.pods.updateStatus({ ...created, status: { phase: 'Running' } });
  for (const via of [['--via', 'local'], sshFlags()]) {
    const r = await cli(['pod', 'inspect', 'evil', ...via]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /cannot find the network namespace/);
  }
  const lab = await cli(['pod', 'inspect', 'evil', '--via', 'lab']);
  assert.notEqual(lab.code, 0);
  // NAD names with metacharacters are annotation errors, never commands.
  await cluster.pods.patchAnnotations('default', 'web', { [Annotations.networks]: `x;touch ${canary}` });
  const bad = await json(['pod', 'inspect', 'web', ...sshFlags()]);
  assert.deepEqual(bad.findings.map((f: any) => f.id), ['annotation-invalid', 'stale-network-status']);
  await cluster.pods.patchAnnotations('default', 'web', { [Annotations.networks]: 'macvlan-conf' });
  assert.equal(existsSync(canary), false, 'a metacharacter ran a command');
});
