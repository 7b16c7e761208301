import { Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from '@hireloop/core';
import { OrganizationsRepository } from '@hireloop/core/organizations/organizations.repository';

@Module({ controllers: [OrganizationsController], providers: [OrganizationsService, OrganizationsRepository] })
export class OrganizationsModule {}
