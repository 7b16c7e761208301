import { Body, Controller, Delete, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '@hireloop/core';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { DimensionsService } from './dimensions.service';
import { CreateDimensionRequestDto, SetWeightsRequestDto, UpdateDimensionRequestDto } from './dto/dimension.request.dto';
import { DimensionChangeResponseDto, RoleResponseDto } from './dto/role.response.dto';

@ApiTags('roles')
@ApiBearerAuth()
@Controller('roles/:id')
@Roles('admin', 'recruiter')
export class DimensionsController {
  constructor(private readonly dimensions: DimensionsService) {}

  @Post('dimensions')
  @ApiOperation({ summary: 'Add a scorecard dimension; the response carries the role with its current weight sum' })
  create(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: CreateDimensionRequestDto): Promise<DimensionChangeResponseDto> {
    return this.dimensions.create(auth, id, dto);
  }

  @Patch('dimensions/:dimensionId')
  @ApiOperation({ summary: 'Edit a dimension (a new loop version is made if scorecards use the current one)' })
  update(
    @Auth() auth: AuthContext,
    @Param('id', UuidParam) id: string,
    @Param('dimensionId', UuidParam) dimensionId: string,
    @Body() dto: UpdateDimensionRequestDto,
  ): Promise<DimensionChangeResponseDto> {
    return this.dimensions.update(auth, id, dimensionId, dto);
  }

  @Delete('dimensions/:dimensionId')
  @ApiOperation({ summary: 'Delete a dimension; 409 when rated on a scorecard or the role is open' })
  remove(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Param('dimensionId', UuidParam) dimensionId: string): Promise<RoleResponseDto> {
    return this.dimensions.remove(auth, id, dimensionId);
  }

  @Put('weights')
  @ApiOperation({ summary: 'Change several dimension weights in one step (rebalance an open role)' })
  setWeights(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string, @Body() dto: SetWeightsRequestDto): Promise<RoleResponseDto> {
    return this.dimensions.setWeights(auth, id, dto);
  }
}
