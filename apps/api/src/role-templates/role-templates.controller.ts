import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RoleTemplatesService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { RoleResponseDto } from '../roles/dto/role.response.dto';
import { CreateRoleFromTemplateRequestDto } from './dto/role-template.request.dto';
import { RoleTemplatePageResponseDto, RoleTemplateResponseDto } from './dto/role-template.response.dto';

@ApiTags('role-templates')
@ApiBearerAuth()
@Controller()
export class RoleTemplatesController {
  constructor(private readonly templates: RoleTemplatesService) {}

  @Get('role-templates')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({
    summary: 'Ready-made loops: dimensions with weights, rubrics and signals, rounds, questions, focus areas',
    response: RoleTemplatePageResponseDto,
    errors: [],
  })
  list(): RoleTemplatePageResponseDto {
    return this.templates.list();
  }

  @Get('role-templates/:key')
  @Roles('admin', 'recruiter', 'hiring_manager')
  @ApiContract({ summary: 'One role template by its key', response: RoleTemplateResponseDto, errors: ['role_template_not_found'] })
  get(@Param('key') key: string): RoleTemplateResponseDto {
    return this.templates.get(key);
  }

  @Post('roles/from-template')
  @Roles('admin', 'recruiter')
  @ApiContract({
    summary: "Create a draft role from a template; its questions join the organization's question bank",
    response: RoleResponseDto,
    status: 201,
    errors: [],
  })
  create(@Auth() auth: AuthContext, @Body() dto: CreateRoleFromTemplateRequestDto): Promise<RoleResponseDto> {
    return this.templates.createRole(auth, dto);
  }
}
