import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateRoundRequestDto, UpdateRoundRequestDto } from './dto/round.request.dto';
import { RoleResponseDto, RoundChangeResponseDto } from './dto/role.response.dto';
import { RoundsService } from './rounds.service';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles/:id/rounds')
@Roles('admin', 'recruiter')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @ApiOperation({ summary: 'Add an interview round with its focus dimensions and questions' })
  create(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: CreateRoundRequestDto): Promise<RoundChangeResponseDto> {
    return this.rounds.create(auth, id, dto);
  }

  @Patch(':roundId')
  @ApiOperation({ summary: 'Edit or move a round (position is 1-based)' })
  update(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Param('roundId', UuidParam) roundId: string, @Body() dto: UpdateRoundRequestDto): Promise<RoundChangeResponseDto> {
    return this.rounds.update(auth, id, roundId, dto);
  }

  @Delete(':roundId')
  @ApiOperation({ summary: 'Delete a round; 409 when interviews reference it' })
  remove(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Param('roundId', UuidParam) roundId: string): Promise<RoleResponseDto> {
    return this.rounds.remove(auth, id, roundId);
  }
}
