import { DEFAULT_ORGANIZATION_SETTINGS, organizationSettings } from './organization.entity';

describe('organizationSettings', () => {
  it('fills in the defaults of the settings not stored', () => {
    expect(organizationSettings({ settings: {} })).toEqual(DEFAULT_ORGANIZATION_SETTINGS);
    expect(organizationSettings({ settings: { minEvidenceLength: 0, reminderAfterHours: 4 } })).toEqual({
      ...DEFAULT_ORGANIZATION_SETTINGS,
      minEvidenceLength: 0,
      reminderAfterHours: 4,
    });
  });

  it('reads a stored null of a numeric setting as its default (PATCH once stored them), a null webhook as none', () => {
    const stored = { minEvidenceLength: null, reminderAfterHours: null, escalateAfterDays: 5, webhookUrl: null, webhookSecret: null } as never;
    expect(organizationSettings({ settings: stored })).toEqual({
      minEvidenceLength: 20,
      reminderAfterHours: 24,
      escalateAfterDays: 5,
      webhookUrl: null,
      webhookSecret: null,
    });
  });
});
