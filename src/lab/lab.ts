/**
 * `lab up|down|status|reset` as library functions. `up` writes the record (lab.json) before making
 * anything, cleans what a crashed `up` left, starts the API server, wires the nodes, registers the
 * API objects and starts the kubelet; each step is named so a test can stop `up` after any of them
 * (MULTUSCTL_LAB_STOP_AFTER=<step>, which kills the process there as a crash would).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { release } from 'node:os';
import { LAB_CONTEXT } from '../constants.js';
import { CliError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Cluster } from '../k8s/ports.js';
import type { V1Node, V1Pod } from '../k8s/types.js';
import { listNetns } from '../sys/netns.js';
import { LAB_DEFAULT_NODES, LAB_DEFAULT_PREFIX, LAB_DEFAULT_UNDERLAY, labLayout, validateNodeCount, type LabLayout } from './layout.js';
import { readRecord, takeLock, writeRecord, type LabRecord } from './record.js';
import { DAEMON_ROLES, daemonPid, logFile, startDaemon, stopDaemon, waitForFile, type CliLauncher, type DaemonRole } from './procs.js';
import { checkUnderlayFree, createLabNetwork, deleteLabNetwork } from './nodes/network.js';
import { createNodeMountns, deleteMountnses, mountnsExists } from './nodes/mountns.js';
import { writeNodeFiles } from './nodes/files.js';
import { LAB_NAMESPACES, labNodeObject, multusDaemonSet } from './nodes/objects.js';

/** What `lab up` registers through the API (the Cluster port plus its lab-only writes). */
export interface LabRegistrar {
  ensureNamespace(name: string): Promise<void>;
  applyNode(node: V1Node): Promise<void>;
  applyDaemonSet(ds: ReturnType<typeof multusDaemonSet>): Promise<void>;
}

export interface LabConnect {
  /** A Cluster for the lab's kubeconfig. */
  cluster(kubeconfig: string): Promise<Cluster>;
  registrar(kubeconfig: string): Promise<LabRegistrar>;
}

export interface LabTarget {
  dir: string;
  prefix?: string;
  nodes?: number;
  underlay?: string;
}

export const API_READY_FILE = 'apiserver.json';
export const KUBELET_READY_FILE = 'kubelet.ready';
/** Written by `up` once the Node objects exist; the kubelet waits for it. */
export const NODES_READY_FILE = 'nodes.ready';
const START_TIMEOUT_MS = 60_000;

/** The layout of the lab in `dir`: flags first, then its record, then the defaults. */
export function resolveLayout(target: LabTarget): { layout: LabLayout; record?: LabRecord } {
  const record = readRecord(join(target.dir, 'lab.json'));
  const layout = labLayout({
    dir: target.dir,
    prefix: target.prefix ?? record?.prefix ?? LAB_DEFAULT_PREFIX,
    nodes: validateNodeCount(target.nodes ?? record?.nodes ?? LAB_DEFAULT_NODES),
    underlay: target.underlay ?? record?.underlay ?? LAB_DEFAULT_UNDERLAY,
  });
  return { layout, record };
}

export interface ProcessInfo {
  role: DaemonRole;
  pid?: number;
  running: boolean;
  log: string;
}

function processes(layout: LabLayout): ProcessInfo[] {
  return DAEMON_ROLES.map((role) => {
    const pid = daemonPid(layout.runDir, role, layout.options.dir);
    return { role, pid, running: pid !== undefined, log: logFile(layout.logDir, role) };
  });
}

/** True when every part of the lab is present and running. */
export function labHealthy(layout: LabLayout): boolean {
  const netns = new Set(listNetns(layout.options.prefix));
  return (
    processes(layout).every((p) => p.running) &&
    netns.has(layout.labNetns) &&
    layout.nodes.every((n) => netns.has(n.netnsName) && mountnsExists(n)) &&
    existsSync(layout.kubeconfig)
  );
}

export interface LabUpResult {
  alreadyUp: boolean;
  /** Why nothing was done, when alreadyUp. */
  reason?: string;
  dir: string;
  prefix: string;
  kubeconfig: string;
  context: string;
  server?: string;
  nodes: Array<{ name: string; internalIp: string; podCidr: string }>;
  durationMs: number;
}

export interface LabUpDeps {
  launcher: CliLauncher;
  connect: LabConnect;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Progress lines (stderr). */
  progress?: (line: string) => void;
  /** Crash on purpose after this step (fault tests). */
  stopAfter?: string;
  /** Ctrl-C: `up` stops at the next step and removes what it made (state stays). */
  signal?: AbortSignal;
}

function summary(layout: LabLayout, started: number, extra: Partial<LabUpResult>): LabUpResult {
  return {
    alreadyUp: false,
    dir: layout.options.dir,
    prefix: layout.options.prefix,
    kubeconfig: layout.kubeconfig,
    context: LAB_CONTEXT,
    nodes: layout.nodes.map((n) => ({ name: n.name, internalIp: n.internalIp, podCidr: n.podCidr })),
    durationMs: Math.round(performance.now() - started),
    ...extra,
  };
}

async function apiUrl(layout: LabLayout): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(layout.runDir, API_READY_FILE), 'utf8')) as { url?: string }).url;
  } catch {
    return undefined;
  }
}

function daemonPaths(layout: LabLayout): { dir: string; runDir: string; logDir: string } {
  return { dir: layout.options.dir, runDir: layout.runDir, logDir: layout.logDir };
}

export async function labUp(target: LabTarget, deps: LabUpDeps): Promise<LabUpResult> {
  const started = performance.now();
  const { layout, record } = resolveLayout(target);
  const lock = await takeLock(layout.lockFile);
  if ('heldBy' in lock) {
    return summary(layout, started, { alreadyUp: true, reason: `another \`lab up\` (pid ${lock.heldBy}) is starting this lab`, server: await apiUrl(layout) });
  }
  try {
    if (record?.phase === 'up' && labHealthy(layout)) {
      const same = record.prefix === layout.options.prefix && record.nodes === layout.options.nodes;
      return summary(layout, started, {
        alreadyUp: true,
        reason: same ? 'the lab is already up' : `the lab is already up with ${record.nodes} nodes and prefix ${record.prefix} (use \`lab reset\` to change it)`,
        server: await apiUrl(layout),
      });
    }
    const progress = deps.progress ?? (() => {});
    let lastStep = 'none';
    const base = { prefix: layout.options.prefix, nodes: layout.options.nodes, underlay: layout.options.underlay, apiPort: record?.apiPort };
    const step = async (name: string): Promise<void> => {
      lastStep = name;
      progress(`lab up: ${name} done`);
      if (deps.stopAfter === name) process.kill(process.pid, 'SIGKILL');
      if (deps.signal?.aborted) {
        await teardown(layout);
        await writeRecord(layout.recordFile, { ...base, phase: 'down', lastStep });
        throw new CliError(`\`lab up\` interrupted after step ${name}; what it made was removed`, { exit: ExitCode.interrupted });
      }
    };
    // Whatever a crashed `up` (or an old lab) left is removed first; state (objects) is kept.
    const owner = otherOwner(layout);
    if (owner !== undefined) {
      throw new CliError(`the lab prefix ${layout.options.prefix} is in use by the lab in ${owner}`, {
        exit: ExitCode.usage,
        hint: `stop that one with \`multusctl lab down --dir ${owner}\`, or give this lab another directory`,
      });
    }
    await teardown(layout);
    await checkUnderlayFree(layout);
    await writeRecord(layout.recordFile, { ...base, phase: 'starting', lastStep });
    await writeFile(claimFile(layout), `${layout.options.dir}\n`);
    await step('record');

    await rm(join(layout.runDir, API_READY_FILE), { force: true });
    const apiPid = await startDaemon(deps.launcher, 'apiserver', daemonPaths(layout), deps.env);
    const ready = JSON.parse(await waitForFile(join(layout.runDir, API_READY_FILE), apiPid, START_TIMEOUT_MS, 'API server', logFile(layout.logDir, 'apiserver'))) as { url: string; port: number };
    await writeRecord(layout.recordFile, { ...base, apiPort: ready.port, phase: 'starting', lastStep });
    await step('apiserver');

    // The kubelet boots (node, the Kubernetes client) while the nodes are made; it starts work only
    // once `up` says the nodes are registered (NODES_READY_FILE).
    for (const f of [KUBELET_READY_FILE, NODES_READY_FILE]) await rm(join(layout.runDir, f), { force: true });
    const kubeletPid = await startDaemon(deps.launcher, 'kubelet', daemonPaths(layout), deps.env);
    // Loading the Kubernetes client also overlaps with making the nodes.
    const registrarReady = deps.connect.registrar(layout.kubeconfig);
    registrarReady.catch(() => {});

    await createLabNetwork(layout, step);
    const kubeconfigText = await readFile(layout.kubeconfig, 'utf8');
    for (const node of layout.nodes) {
      await writeNodeFiles(node, { multusBin: deps.launcher.script, kubeconfig: kubeconfigText });
      await createNodeMountns(layout, node);
    }
    await step('node-files');

    const registrar = await registrarReady;
    for (const ns of LAB_NAMESPACES) await registrar.ensureNamespace(ns);
    const now = new Date().toISOString();
    for (const node of layout.nodes) await registrar.applyNode(labNodeObject(node, { kernelVersion: release(), version: deps.version, now }));
    await registrar.applyDaemonSet(multusDaemonSet(layout));
    await step('register');

    await writeFile(join(layout.runDir, NODES_READY_FILE), `${process.pid}\n`);
    await waitForFile(join(layout.runDir, KUBELET_READY_FILE), kubeletPid, START_TIMEOUT_MS, 'kubelet', logFile(layout.logDir, 'kubelet'));
    await step('kubelet');

    await writeRecord(layout.recordFile, { ...base, apiPort: ready.port, phase: 'up', lastStep });
    return summary(layout, started, { server: ready.url });
  } finally {
    await lock.release();
  }
}

export interface LabDownResult {
  dir: string;
  prefix: string;
  stopped: Array<{ role: DaemonRole; pid: number }>;
  removed: string[];
  purged: boolean;
}

/**
 * `/run/<prefix>lab.owner` names the lab directory whose namespaces carry the prefix, so a lab in
 * another directory with the same prefix never sweeps them away. A claim whose directory has no
 * live lab (no record, or phase down) is stale.
 */
function claimFile(layout: LabLayout): string {
  return `/run/${layout.options.prefix}lab.owner`;
}

function otherOwner(layout: LabLayout): string | undefined {
  let owner: string;
  try {
    owner = readFileSync(claimFile(layout), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (owner === layout.options.dir) return undefined;
  const theirs = readRecord(join(owner, 'lab.json'));
  return theirs && theirs.phase !== 'down' && theirs.prefix === layout.options.prefix ? owner : undefined;
}

/** Stops the daemons and removes every namespace, link and mount of the lab; state stays. */
async function teardown(layout: LabLayout): Promise<Pick<LabDownResult, 'stopped' | 'removed'> & { sharedWith?: string }> {
  const stopped: LabDownResult['stopped'] = [];
  // Both at once (stopping is slow on a loaded machine); the kubelet tolerates the API going away.
  const pids = await Promise.all((['kubelet', 'apiserver'] as const).map((role) => stopDaemon(layout.runDir, role, layout.options.dir)));
  (['kubelet', 'apiserver'] as const).forEach((role, i) => {
    if (pids[i] !== undefined) stopped.push({ role, pid: pids[i]! });
  });
  for (const f of [API_READY_FILE, KUBELET_READY_FILE, NODES_READY_FILE]) await rm(join(layout.runDir, f), { force: true });
  const owner = otherOwner(layout);
  if (owner !== undefined) return { stopped, removed: [], sharedWith: owner };
  const removed = [...(await deleteMountnses(layout)), ...(await deleteLabNetwork(layout))];
  await rm(claimFile(layout), { force: true });
  return { stopped, removed };
}

export async function labDown(target: LabTarget & { purge?: boolean }): Promise<LabDownResult> {
  const { layout, record } = resolveLayout(target);
  const { stopped, removed, sharedWith } = await teardown(layout);
  if (sharedWith !== undefined) {
    process.stderr.write(`note: the namespaces with prefix ${layout.options.prefix} belong to the lab in ${sharedWith}; left alone\n`);
  }
  if (target.purge) {
    await rm(layout.options.dir, { recursive: true, force: true });
  } else if (record) {
    await writeRecord(layout.recordFile, { ...record, phase: 'down' });
  }
  return { dir: layout.options.dir, prefix: layout.options.prefix, stopped, removed, purged: Boolean(target.purge) };
}

export interface LabStatus {
  dir: string;
  prefix: string;
  phase: LabRecord['phase'] | 'absent';
  healthy: boolean;
  server?: string;
  kubeconfig?: string;
  processes: ProcessInfo[];
  namespaces: string[];
  nodes: Array<{ name: string; internalIp: string; podCidr: string; ready: boolean }>;
  pods: Array<{ namespace: string; name: string; node: string; phase: string; podIP: string }>;
  /** Why nodes/pods could not be listed. */
  apiError?: string;
}

export async function labStatus(target: LabTarget, connect: Pick<LabConnect, 'cluster'>): Promise<LabStatus> {
  const { layout, record } = resolveLayout(target);
  const procs = processes(layout);
  const status: LabStatus = {
    dir: layout.options.dir,
    prefix: layout.options.prefix,
    phase: record?.phase ?? 'absent',
    healthy: record?.phase === 'up' && labHealthy(layout),
    server: await apiUrl(layout),
    kubeconfig: existsSync(layout.kubeconfig) ? layout.kubeconfig : undefined,
    processes: procs,
    namespaces: listNetns(layout.options.prefix),
    nodes: [],
    pods: [],
  };
  if (procs.find((p) => p.role === 'apiserver')?.running && status.kubeconfig) {
    try {
      const cluster = await connect.cluster(layout.kubeconfig);
      const nodes = await cluster.nodes.list({});
      status.nodes = nodes.map((n) => ({
        name: n.metadata?.name ?? '',
        internalIp: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
        podCidr: n.spec?.podCIDR ?? '',
        ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
      }));
      const pods: V1Pod[] = await cluster.pods.list({});
      status.pods = pods.map((p) => ({
        namespace: p.metadata?.namespace ?? '',
        name: p.metadata?.name ?? '',
        node: p.spec?.nodeName ?? '',
        phase: p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Pending'),
        podIP: p.status?.podIP ?? '',
      }));
    } catch (err) {
      status.apiError = err instanceof Error ? err.message : String(err);
    }
  }
  return status;
}

