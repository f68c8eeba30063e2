/**
 * The lab API server's credentials under <dir>/pki: a CA, a serving certificate for 127.0.0.1 and
 * localhost signed by it (both made with the `openssl` CLI on first start) and a random bearer
 * token. Later starts reuse them, so kubeconfigs written once keep working.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../sys/run.js';

export interface Pki {
  caCertPem: string;
  certPem: string;
  keyPem: string;
  token: string;
}

const FILES = { caKey: 'ca.key', caCert: 'ca.crt', key: 'server.key', csr: 'server.csr', cert: 'server.crt', ext: 'server.ext', token: 'token' } as const;

async function openssl(args: string[], cwd: string): Promise<void> {
  const r = await run(['openssl', ...args], { cwd, timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr.trim()}`);
}

async function makeCertificates(pkiDir: string): Promise<void> {
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', FILES.caKey, '-out', FILES.caCert, '-days', '3650', '-subj', '/CN=multusctl-lab-ca'], pkiDir);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', FILES.key, '-out', FILES.csr, '-subj', '/CN=multusctl-lab-apiserver'], pkiDir);
  await writeFile(join(pkiDir, FILES.ext), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  await openssl(['x509', '-req', '-in', FILES.csr, '-CA', FILES.caCert, '-CAkey', FILES.caKey, '-CAcreateserial', '-out', FILES.cert, '-days', '3650', '-extfile', FILES.ext], pkiDir);
  await chmod(join(pkiDir, FILES.caKey), 0o600);
  await chmod(join(pkiDir, FILES.key), 0o600);
}

/** Loads <dir>/pki, creating whatever is missing. */
export async function ensurePki(dir: string): Promise<Pki> {
  const pkiDir = join(dir, 'pki');
  await mkdir(pkiDir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(pkiDir, FILES.cert)) || !existsSync(join(pkiDir, FILES.key)) || !existsSync(join(pkiDir, FILES.caCert))) {
    await makeCertificates(pkiDir);
  }
  const tokenPath = join(pkiDir, FILES.token);
  if (!existsSync(tokenPath)) await writeFile(tokenPath, randomBytes(32).toString('hex'), { mode: 0o600 });
  const [caCertPem, certPem, keyPem, token] = await Promise.all(
    [FILES.caCert, FILES.cert, FILES.key, FILES.token].map((f) => readFile(join(pkiDir, f), 'utf8')),
  );
  return { caCertPem: caCertPem!, certPem: certPem!, keyPem: keyPem!, token: token!.trim() };
}
