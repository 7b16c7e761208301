/**
 * Runs the calibration engine benchmark (bench/calibration/build-report.bench.ts) in a process of its own and
 * prints its figures as one JSON line after a marker, for the orchestrator to read.
 */
import { main } from '../../calibration/build-report.bench';

export const FIGURES_MARKER = '@@build-report-figures ';

if (require.main === module) {
  const figures = main(process.argv.slice(2));
  process.stdout.write(`\n${FIGURES_MARKER}${JSON.stringify(figures)}\n`);
}
