import { formatDuration } from '../report/format-duration.ts';
import type { OutcomeStatus } from '../report/run-results.ts';

/** Clears the terminal line the cursor is on and returns to its start. */
const CLEAR_LINE = '\r\u001b[2K';

const COLOURS = { green: '\u001b[32m', red: '\u001b[31m', yellow: '\u001b[33m', dim: '\u001b[2m' } as const;
const RESET = '\u001b[0m';

/** How often the status line is drawn again when no case ends (its elapsed time moves on). */
const REDRAW_MS = 1000;

interface EnvironmentProgress {
  readonly total: number;
  done: number;
  failed: number;
  readonly startedAt: number;
}

/** Where a live status writes, and what it knows of the terminal. */
export interface LiveTerminal {
  readonly write: (text: string) => void;
  /** The terminal's width now; the status line is cut to it, since a wrapped line cannot be cleared. */
  readonly columns: () => number;
  /** ANSI colours (a terminal without NO_COLOR). */
  readonly colour: boolean;
  readonly now?: () => number;
}

/**
 * The live status of `esb-e2e run` on a terminal: the progress lines scroll as before, and the last line of the
 * terminal says, per environment, how many cases are done of how many, how many failed, the time since the
 * environment started and an estimate of what is left, drawn again as cases end and every second. Lines of the
 * same moment are written together with the status line after them, in one write.
 */
export class LiveStatus {
  private readonly envs = new Map<string, EnvironmentProgress>();
  private pending = '';
  private queued = false;
  private shown = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(private readonly terminal: LiveTerminal) {
    this.now = terminal.now ?? Date.now;
  }

  /** An environment whose cases start now: `total` of them. */
  begin(env: string, total: number): void {
    this.envs.set(env, { total, done: 0, failed: 0, startedAt: this.now() });
    this.timer ??= setInterval(() => this.flush(), REDRAW_MS).unref();
    this.queue();
  }

  caseEnded(env: string, status: OutcomeStatus): void {
    const progress = this.envs.get(env);
    if (progress === undefined) return;
    progress.done++;
    if (status === 'failed') progress.failed++;
    this.queue();
  }

  /** A line to print above the status line (with its newline). */
  print(line: string): void {
    this.pending += line;
    this.queue();
  }

  /** Runs `write` (stderr, say) with the status line out of the way, then draws it again. */
  around(write: () => void): void {
    this.flush(false);
    write();
    this.flush();
  }

  /** Removes the status line for good: the closing lines follow. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.flush(false);
    this.envs.clear();
  }

  /** A mark of a progress line in its colour, when colours are on. */
  colourMark(line: string): string {
    if (!this.terminal.colour) return line;
    return line
      .replace(/^(\[[^\]]+\] )✔/, `$1${COLOURS.green}✔${RESET}`)
      .replace(/^(\[[^\]]+\] )✖/, `$1${COLOURS.red}✖${RESET}`)
      .replace(/^(\[[^\]]+\] )-/, `$1${COLOURS.yellow}-${RESET}`);
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    setImmediate(() => this.flush());
  }

  private flush(withStatus = true): void {
    this.queued = false;
    const status = withStatus ? this.statusLine() : '';
    if (this.pending === '' && status === '' && !this.shown) return;
    this.terminal.write(`${this.shown ? CLEAR_LINE : ''}${this.pending}${status}`);
    this.pending = '';
    this.shown = status !== '';
  }

  /** `[e2e-docker] 23/53, 1 failed, 42.0s, ~1m10s left · [e2e-containerd] …`, cut to the terminal's width. */
  private statusLine(): string {
    if (this.envs.size === 0) return '';
    const now = this.now();
    const parts = [...this.envs].map(([env, p]) => {
      const elapsed = now - p.startedAt;
      const left =
        p.done > 0 && p.done < p.total
          ? `, ~${formatDuration((elapsed / p.done) * (p.total - p.done))} left`
          : '';
      const failed = p.failed === 0 ? '' : `, ${this.paint('red', `${p.failed} failed`)}`;
      return `[${env}] ${p.done}/${p.total}${failed}, ${formatDuration(elapsed)}${left}`;
    });
    const line = parts.join(' · ');
    const width = Math.max(20, this.terminal.columns() - 1);
    // Cut by visible characters: the colour codes take no room.
    let visible = 0;
    let out = '';
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\u001b') {
        const end = line.indexOf('m', i);
        out += line.slice(i, end + 1);
        i = end;
        continue;
      }
      if (visible === width - 1 && i < line.length - 1) {
        out += '…';
        break;
      }
      out += line[i];
      visible++;
    }
    return this.terminal.colour ? `${COLOURS.dim}${out}${RESET}` : out;
  }

  private paint(colour: keyof typeof COLOURS, text: string): string {
    return this.terminal.colour ? `${COLOURS[colour]}${text}${RESET}${COLOURS.dim}` : text;
  }
}
