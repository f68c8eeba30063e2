import { Chalk, type ChalkInstance } from 'chalk';

export type Colors = ChalkInstance;

/**
 * Colour is on only when stdout is a TTY, NO_COLOR is unset (https://no-color.org) and
 * --no-color was not given: a pipe or `-o json` never receives escape codes.
 */
export function colorEnabled(opts: { isTTY: boolean; noColorFlag: boolean; env: NodeJS.ProcessEnv }): boolean {
  if (opts.noColorFlag) return false;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  return opts.isTTY;
}

export function makeColors(enabled: boolean): Colors {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** One colour per severity, used by every report so a red word always means the same thing. */
export function paintSeverity(colors: Colors, severity: Severity, text: string = severity): string {
  switch (severity) {
    case 'error':
      return colors.red(text);
    case 'warning':
      return colors.yellow(text);
    case 'ok':
      return colors.green(text);
    default:
      return colors.cyan(text);
  }
}
