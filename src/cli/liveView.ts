/**
 * The live one-line view of a script's pins in a terminal, `17:led ● 7 ○ 8 ●`,
 * redrawn at a human rate (10 Hz) from the run's level snapshot. Other output
 * (log lines) goes through {@link LiveView.print} so it does not tear the line.
 */
import type { Program } from '../../runtime/program/program.js';

const HIGH = '●';
const LOW = '○';
const REDRAW_MS = 100;

/** A redrawing status line on a TTY. Lifetime: call {@link LiveView.stop} when the run ends. */
export class LiveView {
  private readonly timer: NodeJS.Timeout;
  private readonly labels: string[];
  private shown = false;

  constructor(
    private readonly out: { write(text: string): unknown },
    private readonly program: Program,
    private readonly levels: () => Uint32Array,
  ) {
    this.labels = program.pins.map((pin) => {
      const name = program.pinNames[String(pin)];
      // Names of pins inside a multi-pin alias (bar[0]) add nothing to the number; single aliases do.
      return name && !name.includes('[') ? `${pin}:${name}` : String(pin);
    });
    this.timer = setInterval(() => this.draw(), REDRAW_MS);
    this.timer.unref();
  }

  /** Prints `text` (whole lines) above the status line. */
  print(text: string): void {
    this.clear();
    this.out.write(text);
    this.draw();
  }

  /** Removes the status line and stops redrawing. */
  stop(): void {
    clearInterval(this.timer);
    this.draw();
    if (this.shown) this.out.write('\n');
    this.shown = false;
  }

  /** The status line for a snapshot of the level words. */
  line(words: Uint32Array): string {
    return this.program.pins.map((pin, i) => `${this.labels[i]} ${((words[pin >>> 5] ?? 0) >>> (pin & 31)) & 1 ? HIGH : LOW}`).join('  ');
  }

  private draw(): void {
    this.out.write(`\r\x1b[2K${this.line(this.levels())}`);
    this.shown = true;
  }

  private clear(): void {
    if (this.shown) this.out.write('\r\x1b[2K');
    this.shown = false;
  }
}
