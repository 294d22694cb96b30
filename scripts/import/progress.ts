/**
 * The progress line on stderr: a redrawn bar on a terminal
 * (`[####……] 2,140/7,134 · 41/s · ETA 2m04s · refused 12`), a plain line every 5 s otherwise so a
 * log file does not fill with redraws.
 */
export interface ProgressOptions {
  total: number;
  tty: boolean;
  write: (text: string) => void;
  now?: () => number;
  width?: number;
  intervalMs?: number;
}

const thousands = (n: number) => n.toLocaleString("en-US");

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export function progressLine(done: number, total: number, elapsedMs: number, refused: number, width = 24): string {
  const filled = total === 0 ? width : Math.min(width, Math.floor((done / total) * width));
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? duration((total - done) / rate) : "?";
  const bar = `[${"#".repeat(filled)}${"…".repeat(width - filled)}]`;
  return `${bar} ${thousands(done)}/${thousands(total)} · ${Math.round(rate)}/s · ETA ${eta} · refused ${thousands(refused)}`;
}

export class Progress {
  private readonly started: number;
  private lastPlain: number;
  private done = 0;
  private refused = 0;

  constructor(private readonly options: ProgressOptions) {
    this.started = this.now();
    this.lastPlain = this.started;
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  private line(): string {
    return progressLine(this.done, this.options.total, this.now() - this.started, this.refused, this.options.width);
  }

  update(done: number, refused: number): void {
    this.done = done;
    this.refused = refused;
    if (this.options.tty) this.options.write(`\r${this.line()}\x1b[K`);
    else if (this.now() - this.lastPlain >= (this.options.intervalMs ?? 5000)) {
      this.lastPlain = this.now();
      this.options.write(`${this.line()}\n`);
    }
  }

  /** The last state, on its own line, whatever the mode. */
  end(): void {
    this.options.write(this.options.tty ? `\r${this.line()}\x1b[K\n` : `${this.line()}\n`);
  }
}
