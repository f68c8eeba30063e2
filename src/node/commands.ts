/**
 * The argv every transport runs to read a namespace's network state (spec/cli.md "Node helpers"):
 * one list, so local, ssh, pod and lab transports run exactly the same commands.
 */
export const IpArgv = {
  addr: ['ip', '-j', '-d', 'addr', 'show'],
  routes: ['ip', '-j', 'route', 'show', 'table', 'all'],
  rules4: ['ip', '-j', '-4', 'rule', 'show'],
  rules6: ['ip', '-j', '-6', 'rule', 'show'],
  /** `ip -j route get DEST [from SRC]`: the route the kernel would pick. */
  routeGet(dest: string, from?: string): string[] {
    return ['ip', '-j', 'route', 'get', dest, ...(from ? ['from', from] : [])];
  },
} as const;

/** A file's text through a command (for transports without a file system of their own). */
export const catArgv = (path: string): string[] => ['cat', '--', path];
/** Entry names, NUL-separated (names may hold any byte but `/` and NUL). */
export const listArgv = (path: string): string[] => ['find', path, '-mindepth', '1', '-maxdepth', '1', '-printf', '%f\\0'];
export const existsArgv = (path: string): string[] => ['test', '-e', path];
