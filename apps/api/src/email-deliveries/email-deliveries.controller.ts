import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiContract } from '../common/api-contract';
import { AuthContext, pageLimit, toPage } from '@hireloop/core';
import { EmailDeliveriesRepository } from '@hireloop/core/email';
import { Auth, Roles } from '../common/auth.decorators';
import { EmailDeliveryDto, EmailDeliveryPageDto, ListEmailDeliveriesQueryDto } from './dto/email-delivery.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Controller()
export class EmailDeliveriesController {
  constructor(private readonly deliveries: EmailDeliveriesRepository) {}

  @Get('admin/email-deliveries')
  @Roles('admin')
  @ApiContract({
    summary:
      "The organization's emails, newest first: status, attempts and the last error (`?status=failed` for permanent failures); never their content",
    response: EmailDeliveryPageDto,
    errors: [],
  })
  async list(@Auth() auth: AuthContext, @Query() query: ListEmailDeliveriesQueryDto): Promise<EmailDeliveryPageDto> {
    const limit = pageLimit(query);
    const rows = await this.deliveries.page(auth.organizationId, { limit, cursor: query.cursor, status: query.status });
    return toPage(rows, limit, (r) => this.deliveries.cursorOf(r), EmailDeliveryDto.from);
  }
}
