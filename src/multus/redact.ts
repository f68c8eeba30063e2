/**
 * Secrets out of what --dry-run, --trace and --debug print: values of keys that name a token,
 * password, secret, credential or private key are replaced, wherever they sit in a config.
 */
export const REDACTED = '<redacted>';

const SECRET_KEY = /token|passw(or)?d|secret|credential|private[-_]?key|^key$|[-_]key(_?data)?$|^auth$|authorization|client[-_]?key/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A deep copy of `value` with secret-looking string values replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : redact(v);
  }
  return out;
}

/** Redacts a JSON text (left as is when it is not JSON). */
export function redactJson(text: string): unknown {
  try {
    return redact(JSON.parse(text));
  } catch {
    return text;
  }
}
