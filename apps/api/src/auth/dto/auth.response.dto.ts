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
