import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Per-organization settings; every field has a default so old rows stay valid as settings are added. */
export interface OrganizationSettings {
  /** Minimum characters of written evidence per rated dimension. */
  minEvidenceLength: number;
  /** Hours after an interview ends before a missing scorecard produces a reminder. */
  reminderAfterHours: number;
  /** Days of reminders before the role's hiring manager is told as well. */
  escalateAfterDays: number;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  minEvidenceLength: 20,
  reminderAfterHours: 24,
  escalateAfterDays: 3,
  webhookUrl: null,
  webhookSecret: null,
};

@Entity({ name: 'organizations' })
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  settings: Partial<OrganizationSettings>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Settings that may be null (not configured); any other stored null (PATCH accepted one once) is the default. */
const NULLABLE_SETTINGS = new Set<keyof OrganizationSettings>(['webhookUrl', 'webhookSecret']);

export function organizationSettings(org: Pick<OrganizationEntity, 'settings'>): OrganizationSettings {
  const stored = Object.entries(org.settings ?? {}).filter(
    ([key, value]) => value !== null || NULLABLE_SETTINGS.has(key as keyof OrganizationSettings),
  );
  return { ...DEFAULT_ORGANIZATION_SETTINGS, ...Object.fromEntries(stored) };
}
