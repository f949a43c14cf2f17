import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirectory } from '../files/make-directory.ts';
import { runScratchDir } from './run-scratch.ts';

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/**
 * Notices a `node --test` run in which every selected case skipped at run time (hooks not allowed, skip_if, a
 * gateway that went away): such a run tested nothing, and `esb-e2e run` exits 1 for it, so the node path fails it
 * too. Each entry file writes how many of its cases executed (passed or failed) when its last case ends, then
 * reads the other files' counts; the file that ends last sees every count, and when all are 0 its last case fails
 * instead of skipping. A file that never finishes all its cases (a crash, node's --test-name-pattern) writes
 * nothing, and then no file fails for this reason.
 */
export class SkipOnlyRun {
  private readonly dir: string;
  private readonly self: string;
  private readonly owners: readonly string[];
  private readonly total: number;
  private ended = 0;
  private executed = 0;

  /**
   * `runKey` names the run (the node --test parent, root, environment); `owners` are the entry files of the run
   * that have cases (this one among them); `total` is this file's number of cases.
   */
  constructor(runKey: string, self: string, owners: readonly string[], total: number) {
    // A few bytes per entry file, in a folder named by a hash of the run.
    this.dir = join(runScratchDir('tallies'), hash(runKey));
    this.self = self;
    this.owners = owners;
    this.total = total;
  }

  /** Records the end of one case; true when it is the run's last and no case of the run executed. */
  caseEnded(executed: boolean): boolean {
    this.ended++;
    if (executed) this.executed++;
    if (this.ended < this.total) return false;
    makeDirectory(this.dir);
    const path = join(this.dir, hash(this.self));
    // Written whole, then renamed: a reader sees a complete count or none.
    writeFileSync(`${path}.${process.pid}`, String(this.executed));
    renameSync(`${path}.${process.pid}`, path);
    if (this.executed > 0) return false;
    let sum = 0;
    for (const owner of this.owners) {
      try {
        sum += Number(readFileSync(join(this.dir, hash(owner)), 'utf8'));
      } catch {
        return false; // that file has not finished: it reads this count when it does
      }
    }
    return sum === 0;
  }
}
