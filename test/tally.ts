/**
 * Counts of the robustness work done by the test run, printed as one summary line when the run ends.
 */
const counts = { brokenSpecs: 0, fuzzRuns: 0, faults: 0 };
let registered = false;

/** Adds to a count; the first call registers the summary line. */
export function tally(kind: keyof typeof counts, n = 1): void {
  counts[kind] += n;
  if (registered) return;
  registered = true;
  process.on('exit', () => {
    console.log(
      `robustness summary: ${counts.brokenSpecs} broken specs tried, ${counts.fuzzRuns} fuzz runs, ${counts.faults} faults injected`,
    );
  });
}
