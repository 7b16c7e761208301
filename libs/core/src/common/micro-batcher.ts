export interface MicroBatcherOptions {
  /** Most items handed to one run. */
  maxBatchSize: number;
  /** Runs in progress at once; items submitted meanwhile wait and go together into the next run. */
  parallel: number;
}

/**
 * Gathers concurrent requests into batches without a timer: a request starts a run at once when a run slot is free
 * (so a lone request waits for nothing), and requests arriving while every slot is busy are handed over together
 * when one frees up. The run settles each item on its own (`PromiseSettledResult` in item order); when the run
 * itself throws, every item of that batch is rejected with the error.
 */
export class MicroBatcher<I, O> {
  private readonly waiting: { item: I; resolve: (value: O) => void; reject: (reason: unknown) => void }[] = [];
  private running = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly options: MicroBatcherOptions,
  ) {
    if (!(options.maxBatchSize >= 1) || !(options.parallel >= 1)) throw new RangeError('maxBatchSize and parallel must be at least 1');
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startRuns();
    });
  }

  private startRuns(): void {
    while (this.running < this.options.parallel && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatchSize);
      this.running++;
      void this.runBatch(batch);
    }
  }

  private async runBatch(batch: MicroBatcher<I, O>['waiting']): Promise<void> {
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => {
        const result = results[i];
        if (!result) entry.reject(new Error('the batch run returned no result for this item'));
        else if (result.status === 'fulfilled') entry.resolve(result.value);
        else entry.reject(result.reason);
      });
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      this.running--;
      this.startRuns();
    }
  }
}
