import { Module } from '@nestjs/common';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from '@hireloop/core';

/** OrganizationsRepository comes from the global CoreModule (the worker reads settings too). */
@Module({ controllers: [OrganizationsController], providers: [OrganizationsService] })
export class OrganizationsModule {}
