// Adds up the suites' vitest JSON reports into one closing line: "tests: N passed, N failed, N skipped".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
const missing = [];
for (const suite of ['unit', 'ui', 'kernel', 'e2e']) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, `${suite}.json`), 'utf8'));
  } catch {
    missing.push(suite);
    continue;
  }
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numTotalTests === 0) missing.push(`${suite} (no tests)`);
}
const ci = process.env.CI === 'true' || process.env.CI === '1';
if (missing.length) console.log(`suites that did not report: ${missing.join(', ')}`);
if (ci && skipped > 0) console.log(`CI: ${skipped} test(s) were skipped, and in CI nothing may be skipped`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing.length > 0 || (ci && skipped > 0) ? 1 : 0);
