import { Module } from '@nestjs/common';
import { DimensionsController } from './dimensions.controller';
import { DimensionsService } from './dimensions.service';
import { RoleLoopService } from './role-loop.service';
import { RolesController } from './roles.controller';
import { RolesService } from './roles.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';

/** Roles and their hiring loops: dimensions, rounds, loop versions. */
@Module({
  controllers: [RolesController, DimensionsController, RoundsController],
  providers: [RolesService, DimensionsService, RoundsService, RoleLoopService],
  exports: [RoleLoopService],
})
export class RolesModule {}
