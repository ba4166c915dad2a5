/**
 * Preloaded with `node --import` when GNU time is missing: writes the process's peak resident set size (KiB)
 * to the file named by BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`);
  });
}
