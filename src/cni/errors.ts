/**
 * CNI errors as the spec defines them: a numeric code (1–11 the spec's, 100+ a plugin's own), a
 * message and optional details. `CniError` is what src/cni throws; `PluginError` is one a plugin
 * reported (or caused: bad exit, garbage output, timeout), with what it printed on stderr.
 */

/** The CNI spec's well-known error codes (plus 999, the code thin multus uses for its own failures). */
export const CniCode = {
  incompatibleVersion: 1,
  unsupportedField: 2,
  unknownContainer: 3,
  invalidEnv: 4,
  ioFailure: 5,
  decodeFailure: 6,
  invalidNetworkConfig: 7,
  tryAgainLater: 11,
  multus: 999,
} as const;

/** The JSON object a failing plugin prints on stdout (CNI spec "Error" section). */
export interface CniErrorJson {
  cniVersion?: string;
  code: number;
  msg: string;
  details?: string;
}

export class CniError extends Error {
  readonly code: number;
  /** The short message (`msg` of the JSON form). */
  readonly msg: string;
  readonly details?: string;

  constructor(code: number, msg: string, details?: string, options?: { cause?: unknown }) {
    // libcni renders an error as "msg; details" (types.Error.Error()).
    super(details ? `${msg}; ${details}` : msg, options);
    this.name = 'CniError';
    this.code = code;
    this.msg = msg;
    this.details = details;
  }

  /** The form a plugin (or multusctl in plugin mode) prints on stdout. */
  toJSON(cniVersion?: string): CniErrorJson {
    const out: CniErrorJson = cniVersion ? { cniVersion, code: this.code, msg: this.msg } : { code: this.code, msg: this.msg };
    if (this.details) out.details = this.details;
    return out;
  }
}

/** An error a plugin run produced; `stderr` keeps what the plugin wrote there (may be empty). */
export class PluginError extends CniError {
  readonly pluginPath?: string;
  readonly stderr: string;

  constructor(code: number, msg: string, details?: string, extra: { pluginPath?: string; stderr?: string; cause?: unknown } = {}) {
    super(code, msg, details, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'PluginError';
    this.pluginPath = extra.pluginPath;
    this.stderr = extra.stderr ?? '';
  }
}

/** Adds context in front of an error's message, keeping its CNI code (libcni's `fmt.Errorf("...: %w")`). */
export function wrapCniError(prefix: string, err: unknown): CniError {
  if (err instanceof CniError) {
    const wrapped = new CniError(err.code, `${prefix}${err.msg}`, err.details, { cause: err });
    return wrapped;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CniError(CniCode.multus, `${prefix}${message}`, undefined, { cause: err });
}
