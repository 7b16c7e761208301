import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CalibrationViewsService, type AuthContext } from '@hireloop/core';
import { ApiContract } from '../common/api-contract';
import { Auth, Roles } from '../common/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { InterviewerCalibrationResponseDto, RoleCalibrationResponseDto } from './dto/calibration.response.dto';

@ApiTags('calibration')
@ApiBearerAuth()
@Controller()
export class CalibrationController {
  constructor(private readonly calibration: CalibrationViewsService) {}

  @Get('roles/:id/calibration')
  @Roles('admin', 'hiring_manager')
  @ApiContract({
    summary: "A role's calibration: reliability per dimension, score distribution, decisions vs recommendations (admins, the role's hiring manager)",
    response: RoleCalibrationResponseDto,
    errors: ['role_not_found', 'not_role_hiring_manager'],
  })
  role(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<RoleCalibrationResponseDto> {
    return this.calibration.role(auth, id);
  }

  @Get('interviewers/:id/calibration')
  @ApiContract({
    summary:
      "An interviewer's calibration: leniency offset, rating distribution vs the organization's, recommendations vs decisions (admins, hiring managers, the interviewer themself)",
    response: InterviewerCalibrationResponseDto,
    errors: ['interviewer_not_found', 'calibration_not_visible'],
  })
  interviewer(@Auth() auth: AuthContext, @Param('id', UuidParam) id: string): Promise<InterviewerCalibrationResponseDto> {
    return this.calibration.interviewer(auth, id);
  }
}
