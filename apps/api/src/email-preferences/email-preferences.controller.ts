import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EmailPreferencesService, type AuthContext } from '@hireloop/core';
import { Auth, Public } from '../common/auth.decorators';
import { EmailPreferencesResponseDto, UnsubscribeQueryDto, UpdateEmailPreferencesRequestDto } from './email-preferences.dto';
import { ApiContract } from '../common/api-contract';

@ApiTags('notifications')
@Controller()
export class EmailPreferencesController {
  constructor(private readonly preferences: EmailPreferencesService) {}

  @ApiBearerAuth()
  @Get('me/email-preferences')
  @ApiContract({
    summary: 'Your email preferences (non-essential mail by category; account mail is always sent)',
    response: EmailPreferencesResponseDto,
    errors: [],
  })
  mine(@Auth() auth: AuthContext): Promise<EmailPreferencesResponseDto> {
    return this.preferences.get(auth.userId);
  }

  @ApiBearerAuth()
  @Patch('me/email-preferences')
  @ApiContract({ summary: 'Turn categories of non-essential email on or off', response: EmailPreferencesResponseDto, errors: [] })
  updateMine(@Auth() auth: AuthContext, @Body() dto: UpdateEmailPreferencesRequestDto): Promise<EmailPreferencesResponseDto> {
    return this.preferences.update(auth.userId, dto);
  }

  @Public()
  @Get('email-preferences/:token')
  @ApiContract({
    summary: 'Email preferences by the signed link in an email (no sign-in); 404 for a link this service did not sign',
    response: EmailPreferencesResponseDto,
    errors: ['email_preferences_link_invalid'],
  })
  byLink(@Param('token') token: string): Promise<EmailPreferencesResponseDto> {
    return this.preferences.get(this.preferences.userOfLink(token));
  }

  @Public()
  @Patch('email-preferences/:token')
  @ApiContract({
    summary: 'Change email preferences by the signed link in an email (no sign-in)',
    response: EmailPreferencesResponseDto,
    errors: ['email_preferences_link_invalid'],
  })
  updateByLink(@Param('token') token: string, @Body() dto: UpdateEmailPreferencesRequestDto): Promise<EmailPreferencesResponseDto> {
    return this.preferences.update(this.preferences.userOfLink(token), dto);
  }

  @Public()
  @Post('email-preferences/:token/unsubscribe')
  @HttpCode(200)
  @ApiContract({
    summary:
      'One-click unsubscribe (RFC 8058): the List-Unsubscribe URI of every non-essential email, POSTed by mail clients with `List-Unsubscribe=One-Click`',
    response: EmailPreferencesResponseDto,
    errors: ['email_preferences_link_invalid'],
  })
  unsubscribe(@Param('token') token: string, @Query() query: UnsubscribeQueryDto): Promise<EmailPreferencesResponseDto> {
    return this.preferences.unsubscribe(this.preferences.userOfLink(token), query.category);
  }
}
