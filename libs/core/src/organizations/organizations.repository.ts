import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runInOrganization } from '@hireloop/database';
import { OrganizationEntity, OrganizationSettings, organizationSettings } from './organization.entity';

/** The organization's own row: its name and settings. */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(organizationId: string): Promise<OrganizationEntity> {
    return this.dataSource.getRepository(OrganizationEntity).findOneByOrFail({ id: organizationId });
  }

  /**
   * The names of several organizations (of one account's memberships), each read in its own scope: row-level security
   * shows an organization's row only inside it. An organization that does not exist has no entry.
   */
  async namesOf(organizationIds: Iterable<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const organizationId of new Set(organizationIds)) {
      const [organization]: { name: string }[] = await runInOrganization(organizationId, () =>
        this.dataSource.query(`SELECT name FROM organizations WHERE id = $1`, [organizationId]),
      );
      if (organization) names.set(organizationId, organization.name);
    }
    return names;
  }

  /** The organization's settings (defaults for those it never set); null when the organization does not exist. */
  async settings(organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<OrganizationSettings | null> {
    const [organization]: { settings: Partial<OrganizationSettings> | null }[] = await manager.query(
      `SELECT settings FROM organizations WHERE id = $1`,
      [organizationId],
    );
    return organization ? organizationSettings({ settings: organization.settings ?? {} }) : null;
  }

  /** The organization, locked for update (settings are merged into what is stored). */
  lockById(manager: EntityManager, organizationId: string): Promise<OrganizationEntity> {
    return manager.findOneOrFail(OrganizationEntity, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Stores the settings as given (the whole object) and, when given, a new name. */
  async update(manager: EntityManager, organizationId: string, changes: { name?: string; settings: OrganizationEntity['settings'] }): Promise<void> {
    await manager.update(OrganizationEntity, { id: organizationId }, changes);
  }
}
