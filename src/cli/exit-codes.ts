/** Exit codes of every multusctl command (spec/cli.md, "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** A check found problems (validate, doctor, smoke, check). */
  checkFailed: 1,
  /** Usage error or bad input (oclif uses 2 for flag errors too). */
  usage: 2,
  /** Cannot reach or authenticate to the cluster. */
  unreachable: 3,
  /** A resource was not found. */
  notFound: 4,
  /** A plugin / CNI operation failed. */
  pluginFailed: 5,
  /** Interrupted (after cleanup). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
