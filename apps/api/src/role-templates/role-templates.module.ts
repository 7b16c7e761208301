import { Module } from '@nestjs/common';
import { RoleTemplatesService } from '@hireloop/core';
import { RolesModule } from '../roles/roles.module';
import { RoleTemplatesController } from './role-templates.controller';

/** Templates built from the interview guides, and roles created from them. */
@Module({ imports: [RolesModule], controllers: [RoleTemplatesController], providers: [RoleTemplatesService] })
export class RoleTemplatesModule {}
