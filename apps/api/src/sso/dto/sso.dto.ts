import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SsoSettingsView, UpdateSsoSettingsInput } from '@hireloop/core/sso/sso-settings.service';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export class UpdateSsoSettingsRequestDto implements UpdateSsoSettingsInput {
  @ApiProperty({ example: 'https://login.acme.com', description: 'OpenID Connect issuer; its discovery document is fetched when saved' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'issuerUrl must be an http(s) URL' })
  @MaxLength(2000)
  issuerUrl: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) clientId: string;

  @ApiPropertyOptional({ description: 'Write-only; omit to keep the stored one (required the first time)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  clientSecret?: string;

  @ApiProperty({
    example: ['acme.com'],
    description: 'Email domains that may sign in (exact match); the first sign-in of a verified address creates an interviewer',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  allowedDomains: string[];

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Refuse password sign-in to members who are not admins (admins keep it as the break-glass path)',
  })
  @IsOptional()
  @IsBoolean()
  enforced?: boolean;
}

export class SsoSettingsResponseDto implements SsoSettingsView {
  @ApiProperty() configured: boolean;
  @ApiProperty({ nullable: true, type: String }) issuerUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) clientId: string | null;
  @ApiProperty({ description: 'Whether a client secret is stored (it is never returned)' }) clientSecretSet: boolean;
  @ApiProperty({ type: [String] }) allowedDomains: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty() enforced: boolean;
  @ApiProperty({ description: 'Register this redirect URI with the provider' }) redirectUri: string;
  @ApiProperty({ description: 'Where members start signing in (share it, or use the sign-in page)' }) signInUrl: string;
}
