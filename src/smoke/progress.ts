/**
 * A spinner on stderr, only on a TTY (a pipe or CI log gets nothing). Lines printed while it spins
 * go through `line()`, which clears the spinner first so the two never mix on one row.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  update(text: string): void;
  /** Prints a line to stdout (through `print`) with the spinner cleared. */
  line(text: string): void;
  stop(): void;
}

export function spinner(stream: NodeJS.WriteStream, print: (text: string) => void, enabled = Boolean(stream.isTTY)): Progress {
  let text = '';
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const clear = (): void => {
    if (enabled) stream.write('\r\x1b[2K');
  };
  const draw = (): void => {
    if (!enabled || text === '') return;
    const width = (stream.columns ?? 80) - 3;
    stream.write(`\r\x1b[2K${FRAMES[frame % FRAMES.length]} ${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    frame += 1;
  };
  return {
    update(next) {
      text = next;
      if (!enabled) return;
      timer ??= setInterval(draw, 100);
      timer.unref();
      draw();
    },
    line(out) {
      clear();
      print(out);
      draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      text = '';
      clear();
    },
  };
}
