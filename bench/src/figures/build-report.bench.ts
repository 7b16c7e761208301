import { spawn } from 'node:child_process';
import path from 'node:path';
import type { BenchFigures } from '../../calibration/build-report.bench';
import { BenchContext, FigureResult, log } from '../context';
import { FIGURES_MARKER } from './build-report.child';
import { fmtInt, fmtMs, TableRow } from '../table';

/**
 * The calibration engine's own figure (calibration-engine issue): buildReport over 10,000 panels of 5 interviewers ×
 * 8 dimensions in one process, under 1 s. Run in a child process before the services start, so nothing competes
 * with it; its reports/s is also the compute ceiling of the aggregation figure.
 */

export async function buildReportFigure(ctx: BenchContext): Promise<FigureResult<BenchFigures>> {
  const script = path.join(ctx.settings.distRoot, 'bench', 'src', 'figures', 'build-report.child.js');
  log('build-report: buildReport × 10,000 panels (5 × 8) and the leniency functions over 1,000,000 ratings, in a child process');
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [script, '10000', '1000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(text);
      else reject(new Error(`the calibration bench exited with ${code}:\n${text.slice(-2000)}`));
    });
  });
  const line = output.split('\n').find((l) => l.startsWith(FIGURES_MARKER));
  if (!line) throw new Error(`the calibration bench printed no figures:\n${output.slice(-2000)}`);
  const figures = JSON.parse(line.slice(FIGURES_MARKER.length)) as BenchFigures;
  ctx.buildReportRate = figures.reportsPerSecond;
  log(`  buildReport: ${fmtMs(figures.buildReportMs)} for ${fmtInt(figures.panels)} panels (${fmtInt(figures.reportsPerSecond)} reports/s)`);
  const rows: TableRow[] = [
    {
      figure: `0. buildReport × ${fmtInt(figures.panels)} panels (5 × 8), one process`,
      value: `${fmtMs(figures.buildReportMs)} (${fmtInt(figures.reportsPerSecond)} reports/s)`,
      target: '< 1 s',
      met: figures.panels === 10_000 ? figures.buildReportMs < 1000 : null,
    },
    {
      figure: `0. leniencyOffsets × ${fmtInt(figures.historyRatings)} ratings, in memory (engine)`,
      value: `${fmtMs(figures.leniencyMs)} (streaming accumulator ${fmtMs(figures.accumulatorMs)})`,
    },
  ];
  return { raw: figures, rows };
}
