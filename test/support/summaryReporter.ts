// Prints one closing line, "N passed, N failed[, N skipped]", so every run shows what it executed.
// A test file that fails to load, and an unhandled error, count as failed.
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

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
    process.stdout.write(`\n${this.passed} passed, ${failed} failed${skipped}\n`);
  }
}
