// What a study session has to show for itself: every step result once, in
// the order they settled, with the verdict the learner was shown, and what
// a verdict depends on besides the result (a stored snapshot, Ctrl-C, the
// `!` shell used before, the output the lesson expected).
import type { Step } from '../lesson/types.js';
import type { StepResult } from '../run/outcome.js';
import { verdictOf, type Verdict, type VerdictInfo } from './view/index.js';

export class StudyLedger {
  readonly results: Array<{ result: StepResult; verdict: Verdict }> = [];
  private readonly seen = new Set<StepResult>();
  /** The learner opened a shell: what they changed there may show in later outputs. */
  shellUsed = false;

  constructor(
    /** Steps that have a stored snapshot. */
    private readonly storedSnapshots: ReadonlySet<string>,
    /** Their stored outputs, shown beside a step that failed. */
    private readonly storedOutputs: ReadonlyMap<string, string> | undefined,
  ) {}

  info(result: StepResult, interrupted = false): VerdictInfo {
    const expected = this.storedOutputs?.get(result.step.name);
    return { hasSnapshot: this.storedSnapshots.has(result.step.name), interrupted, shellUsed: this.shellUsed, ...(expected !== undefined ? { expected } : {}) };
  }

  verdict(result: StepResult, interrupted = false): Verdict {
    return verdictOf(result, this.info(result, interrupted));
  }

  has(result: StepResult): boolean {
    return this.seen.has(result);
  }

  /** `interrupted`: Ctrl-C was pressed while `step` ran. */
  record(results: readonly StepResult[], step?: Step, interrupted = false): void {
    for (const result of results) {
      if (this.seen.has(result)) continue;
      this.seen.add(result);
      this.results.push({ result, verdict: this.verdict(result, result.step === step && interrupted) });
    }
  }

  /** Names of the steps with a result (a step typed by the learner runs as a copy with their commands). */
  doneNames(): Set<string> {
    return new Set(this.results.map((r) => r.result.step.name));
  }
}
