import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RoundsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateRoundRequestDto, UpdateRoundRequestDto } from './dto/round.request.dto';
import { RoleResponseDto, RoundChangeResponseDto } from './dto/role.response.dto';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles/:id/rounds')
@Roles('admin', 'recruiter')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @ApiContract({
    summary: 'Add an interview round with its focus dimensions and questions',
    response: RoundChangeResponseDto,
    status: 201,
    errors: ['role_not_found', 'too_many_rounds', 'open_role_must_stay_ready'],
  })
  create(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: CreateRoundRequestDto): Promise<RoundChangeResponseDto> {
    return this.rounds.create(auth, id, dto);
  }

  @Patch(':roundId')
  @ApiContract({
    summary: 'Edit or move a round (position is 1-based)',
    response: RoundChangeResponseDto,
    errors: ['role_not_found', 'round_not_found', 'open_role_must_stay_ready'],
  })
  update(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Param('roundId', UuidParam) roundId: string,
    @Body() dto: UpdateRoundRequestDto,
  ): Promise<RoundChangeResponseDto> {
    return this.rounds.update(auth, id, roundId, dto);
  }

  @Delete(':roundId')
  @ApiContract({
    summary: 'Delete a round; 409 when interviews reference it',
    response: RoleResponseDto,
    errors: ['role_not_found', 'round_not_found', 'round_in_use', 'open_role_must_stay_ready'],
  })
  remove(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Param('roundId', UuidParam) roundId: string): Promise<RoleResponseDto> {
    return this.rounds.remove(auth, id, roundId);
  }
}
