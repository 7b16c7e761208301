import { Body, Controller, Delete, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DimensionsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateDimensionRequestDto, SetWeightsRequestDto, UpdateDimensionRequestDto } from './dto/dimension.request.dto';
import { DimensionChangeResponseDto, RoleResponseDto } from './dto/role.response.dto';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles/:id')
@Roles('admin', 'recruiter')
export class DimensionsController {
  constructor(private readonly dimensions: DimensionsService) {}

  @Post('dimensions')
  @ApiContract({
    summary: 'Add a scorecard dimension; the response carries the role with its current weight sum',
    response: DimensionChangeResponseDto,
    status: 201,
    errors: ['role_not_found', 'too_many_dimensions', 'dimension_name_taken', 'open_role_must_stay_ready'],
  })
  create(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: CreateDimensionRequestDto): Promise<DimensionChangeResponseDto> {
    return this.dimensions.create(auth, id, dto);
  }

  @Patch('dimensions/:dimensionId')
  @ApiContract({
    summary: 'Edit a dimension (a new loop version is made if scorecards use the current one)',
    response: DimensionChangeResponseDto,
    errors: ['role_not_found', 'dimension_not_found', 'dimension_name_taken', 'open_role_must_stay_ready'],
  })
  update(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Param('dimensionId', UuidParam) dimensionId: string,
    @Body() dto: UpdateDimensionRequestDto,
  ): Promise<DimensionChangeResponseDto> {
    return this.dimensions.update(auth, id, dimensionId, dto);
  }

  @Delete('dimensions/:dimensionId')
  @ApiContract({
    summary: 'Delete a dimension; 409 when rated on a scorecard or the role is open',
    response: RoleResponseDto,
    errors: ['role_not_found', 'dimension_not_found', 'dimension_in_use', 'role_open'],
  })
  remove(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Param('dimensionId', UuidParam) dimensionId: string,
  ): Promise<RoleResponseDto> {
    return this.dimensions.remove(auth, id, dimensionId);
  }

  @Put('weights')
  @ApiContract({
    summary: 'Change several dimension weights in one step (rebalance an open role)',
    response: RoleResponseDto,
    errors: ['role_not_found', 'open_role_must_stay_ready'],
  })
  setWeights(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: SetWeightsRequestDto): Promise<RoleResponseDto> {
    return this.dimensions.setWeights(auth, id, dto);
  }
}
