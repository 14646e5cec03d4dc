// Prints one closing line, "N passed, N failed[, N skipped]", so every run shows what it executed.
// A test file that fails to load, and an unhandled error, count as failed. When the configuration
// left test files out of the run (vitest.config.ts), the line before says which and why.
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  constructor(private readonly options: { leftOut?: string | null } = {}) {}

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state;
    if (state === 'passed') this.passed++;
    else if (state === 'failed') this.failed++;
    else this.skipped++;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const brokenModules = testModules.filter(
      (module) =>
        module.state() === 'failed' &&
        [...module.children.allTests()].every((t) => t.result().state !== 'failed'),
    ).length;
    const failed = this.failed + brokenModules + unhandledErrors.length;
    const skipped = this.skipped ? `, ${this.skipped} skipped` : '';
    const leftOut = this.options.leftOut ? `${this.options.leftOut}\n` : '';
    process.stdout.write(`\n${leftOut}${this.passed} passed, ${failed} failed${skipped}\n`);
  }
}
