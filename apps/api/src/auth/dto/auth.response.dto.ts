import { ApiProperty } from '@nestjs/swagger';
import type { MemberEntity, MemberRole, OrganizationEntity, UserEntity } from '@hireloop/core';
import { MEMBER_ROLES } from '@hireloop/core';

export class UserResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;

  static from(user: UserEntity): UserResponseDto {
    return { id: user.id, email: user.email, name: user.name };
  }
}

export class OrganizationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;

  static from(org: OrganizationEntity): OrganizationResponseDto {
    return { id: org.id, name: org.name };
  }
}

export class MembershipResponseDto {
  @ApiProperty() memberId: string;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole', isArray: true }) roles: MemberRole[];
  @ApiProperty() status: string;

  static from(member: MemberEntity): MembershipResponseDto {
    return { memberId: member.id, roles: member.roles, status: member.status };
  }
}

export class MeResponseDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
  @ApiProperty({ type: OrganizationResponseDto }) organization: OrganizationResponseDto;
  @ApiProperty({ type: MembershipResponseDto }) membership: MembershipResponseDto;
}

export class TokenResponseDto extends MeResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
}

/** Signup with e-mail verification: the same answer for every address. */
export class SignupAcceptedResponseDto {
  @ApiProperty({ example: 'verification_sent' }) status: 'verification_sent';
  @ApiProperty() detail: string;
}

export class MyOrganizationResponseDto {
  @ApiProperty() organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole', isArray: true }) roles: MemberRole[];
  @ApiProperty({ description: 'The organization of this session' }) current: boolean;
  @ApiProperty({ description: 'Entering it needs its single sign-on (POST /v1/auth/switch-organization answers 403 sso_required)' })
  ssoRequired: boolean;
}

export class MyOrganizationsResponseDto {
  @ApiProperty({ type: [MyOrganizationResponseDto] }) items: MyOrganizationResponseDto[];
}

export class SessionResponseDto {
  @ApiProperty({ description: "The session's id (its access token's `jti`)" }) id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ description: 'When it was signed in' }) createdAt: string;
  @ApiProperty({
    description:
      'When it was last used (its sign-in counts): written at most every SESSION_ACTIVITY_SECONDS (5 minutes by default), so it may be that much behind',
  })
  lastUsedAt: string;
  @ApiProperty({ description: 'When its token expires (unless ended first)' }) expiresAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'The browser or client that signed in, as it named itself' })
  userAgent: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The address it signed in from, as the API saw it' })
  ipAddress: string | null;
  @ApiProperty({ description: 'The session of this request' }) current: boolean;
}

export class SessionsResponseDto {
  @ApiProperty({ type: [SessionResponseDto] }) items: SessionResponseDto[];
}
