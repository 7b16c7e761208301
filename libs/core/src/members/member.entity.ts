import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MemberRole } from '../common/member-role';
import { UserEntity } from '../users/user.entity';

export type MemberStatus = 'invited' | 'active' | 'deactivated';

/** A user's membership of one organization, with the roles they hold there. */
@Entity({ name: 'members' })
@Index(['organizationId', 'userId'], { unique: true })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { eager: false })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text', array: true })
  roles: MemberRole[];

  @Column({ type: 'text' })
  status: MemberStatus;

  /** sha256 of the one-time invite token; cleared when accepted. */
  @Column({ name: 'invite_token_hash', type: 'text', nullable: true, select: false })
  inviteTokenHash: string | null;

  /** The name given in the invite; shown until the invite is accepted (the account's own name is not revealed). */
  @Column({ name: 'invited_name', type: 'text', nullable: true })
  invitedName: string | null;

  @Column({ name: 'invite_expires_at', type: 'timestamptz', nullable: true })
  inviteExpiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
