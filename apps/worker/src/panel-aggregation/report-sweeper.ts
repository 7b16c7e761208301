import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@hireloop/config';
import { ReportSweepService } from '@hireloop/core/reports/report-sweep.service';
import { runAsSystem } from '@hireloop/database';

/**
 * Runs the report sweep every REPORT_SWEEP_INTERVAL_MS (0: never) in each worker process; the sweep's lock lets one
 * process at a time do the work. A timer of the process, not a BullMQ repeatable job: the sweep is there for the
 * times Redis lost its data, which would take a job scheduler with it.
 */
@Injectable()
export class ReportSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReportSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly sweeps: ReportSweepService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.REPORT_SWEEP_INTERVAL_MS;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    }, every);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep now; failures are logged (the next interval tries again). */
  async sweepOnce(): Promise<number> {
    try {
      const result = await runAsSystem('report sweep', () => this.sweeps.sweep({ settledForSeconds: this.config.REPORT_SWEEP_GRACE_S }));
      if (result.requested.length > 0) {
        this.logger.warn(`report sweep: ${result.requested.length} application(s) whose report did not follow their feedback; asked for it again`);
      }
      return result.requested.length;
    } catch (error) {
      this.logger.warn(`report sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
