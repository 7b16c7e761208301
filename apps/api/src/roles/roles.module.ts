import { Module } from '@nestjs/common';
import { DimensionsService, RoleLoopService, RolesService, RoundsService } from '@hireloop/core';
import { DimensionsController } from './dimensions.controller';
import { RolesController } from './roles.controller';
import { RoundsController } from './rounds.controller';

/** Roles and their hiring loops: dimensions, rounds, loop versions. */
@Module({
  controllers: [RolesController, DimensionsController, RoundsController],
  providers: [RolesService, DimensionsService, RoundsService, RoleLoopService],
  exports: [RoleLoopService],
})
export class RolesModule {}
