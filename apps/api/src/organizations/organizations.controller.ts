import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OrganizationsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { OrganizationSettingsResponseDto, UpdateOrganizationRequestDto } from './dto/organization.dto';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('organization')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Roles('admin')
  @ApiContract({ summary: "The organization's settings", response: OrganizationSettingsResponseDto, errors: [] })
  get(@Auth() auth: AuthContext): Promise<OrganizationSettingsResponseDto> {
    return this.organizations.get(auth);
  }

  @Patch()
  @Roles('admin')
  @ApiContract({ summary: "Change the organization's settings (merged)", response: OrganizationSettingsResponseDto, errors: [] })
  update(@Auth() auth: AuthContext, @Body() dto: UpdateOrganizationRequestDto): Promise<OrganizationSettingsResponseDto> {
    return this.organizations.update(auth, dto);
  }
}
