/** Lists a user may not be allowed to read (RBAC): a 403 becomes a note and a narrower fallback. */
import { messageOf } from '../cli/errors.js';

export async function tolerant<T>(what: string, list: () => Promise<T[]>, notes: string[], fallback?: { what: string; list: () => Promise<T[]> }): Promise<T[] | undefined> {
  try {
    return await list();
  } catch (err) {
    // 403 Forbidden (KubeApiError.code); anything else (unreachable, 401) still ends the command.
    if ((err as { code?: unknown }).code !== 403) throw err;
    notes.push(`cannot list ${what} (${messageOf(err)})${fallback ? `; using ${fallback.what} only` : ''}: the checks that need them are partial`);
    return fallback === undefined ? undefined : tolerant(fallback.what, fallback.list, notes);
  }
}

