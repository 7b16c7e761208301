import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { ALL_QUEUES } from '@hireloop/queue';

/** Problems with the processors found for the expected queues: missing, duplicated, or for unknown queues. */
export function processorCoverageProblems(expected: readonly string[], found: ReadonlyArray<{ queue: string; processor: string }>): string[] {
  const problems: string[] = [];
  for (const queue of expected) {
    const handlers = found.filter((f) => f.queue === queue);
    if (handlers.length === 0) problems.push(`queue "${queue}" has no @Processor`);
    if (handlers.length > 1)
      problems.push(`queue "${queue}" has ${handlers.length} processors (${handlers.map((h) => h.processor).join(', ')}); exactly one is allowed`);
  }
  for (const f of found) if (!expected.includes(f.queue)) problems.push(`${f.processor} consumes "${f.queue}", which is not in QueueName`);
  return problems;
}

/**
 * Fail fast at boot: every queue of QueueName has exactly one processor in this worker. A queue without one would
 * fill up silently; two processors would compete with different code.
 */
@Injectable()
export class ProcessorRegistryCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('ProcessorRegistry');

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const found = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => ({ queue: (host.worker as { name?: string } | undefined)?.name ?? '(not registered)', processor: host.constructor.name }));
    const problems = processorCoverageProblems(ALL_QUEUES, found);
    if (problems.length > 0) {
      throw new Error(`The worker's processors do not match its queues:\n  - ${problems.join('\n  - ')}`);
    }
    this.logger.log(`processors: ${found.map((f) => `${f.queue} → ${f.processor}`).join(', ')}`);
  }
}

@Module({ imports: [DiscoveryModule], providers: [ProcessorRegistryCheck] })
export class ProcessorRegistryModule {}
