import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { OutcomesModule as CoreOutcomesModule } from '@hireloop/core';
import { OutcomeImportsController } from './outcome-imports.controller';
import { OutcomesController } from './outcomes.controller';

@Module({
  controllers: [OutcomesController, OutcomeImportsController],
  imports: [CoreOutcomesModule],
})
export class OutcomesModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Outcome imports stream their CSV body: Fastify hands the request stream over instead of buffering it. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser('text/csv')) {
      fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    }
  }
}
