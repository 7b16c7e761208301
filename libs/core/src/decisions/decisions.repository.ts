import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DecisionEntity } from './decision.entity';

/** Hiring decisions, always looked up within one organization. */
@Injectable()
export class DecisionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByApplication(organizationId: string, applicationId: string, manager: EntityManager = this.dataSource.manager): Promise<DecisionEntity | null> {
    return manager.findOneBy(DecisionEntity, { organizationId, applicationId });
  }

  async insert(manager: EntityManager, values: Omit<DecisionEntity, 'id' | 'createdAt'>): Promise<DecisionEntity> {
    return manager.save(manager.create(DecisionEntity, values));
  }
}
