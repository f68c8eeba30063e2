/**
 * The shared fixtures directory: `<repo>/../shared` (as CI lays it out), or, from a worktree under
 * /work/wt/NAME, `<repo>/../../shared`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function sharedDir(): string | undefined {
  for (const candidate of [join(REPO_ROOT, '..', 'shared'), join(REPO_ROOT, '..', '..', 'shared')]) {
    if (existsSync(join(candidate, 'fixtures'))) return resolve(candidate);
  }
  return undefined;
}

export function nadFixture(name: string): string | undefined {
  const dir = sharedDir();
  return dir === undefined ? undefined : join(dir, 'fixtures', 'nads', name);
}
