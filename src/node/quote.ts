/**
 * The one shell-quoting function. Transports that cannot pass an argv array (ssh runs a command
 * line through the remote user's shell) quote every argument with it, so no pod, interface, NAD or
 * node name can inject a command. POSIX single quotes: everything inside is literal; a single
 * quote is written as '\'' (close, escaped quote, reopen).
 */

/** One argument as a POSIX shell word that the shell turns back into exactly `arg`. */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('an argument cannot contain a NUL byte');
  // `=` stays quoted: an unquoted first word NAME=value would be an assignment, not a command.
  if (/^[A-Za-z0-9_@%+:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A command line that a POSIX shell splits back into exactly `argv`. */
export function shellJoin(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('shellJoin: empty argv');
  return argv.map(shellQuote).join(' ');
}
