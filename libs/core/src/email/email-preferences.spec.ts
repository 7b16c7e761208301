import { EMAIL_TEMPLATES, isAlwaysSent } from './email-templates';
import { preferenceCategory, preferencesLinkKey, signPreferencesToken, verifyPreferencesToken } from './email-preferences';

describe('email preference categories', () => {
  it('essential and candidate templates have no category; every other template has one', () => {
    for (const template of EMAIL_TEMPLATES) {
      expect(preferenceCategory(template) === null).toBe(isAlwaysSent(template));
    }
    expect(preferenceCategory('self_identification')).toBeNull();
    expect(preferenceCategory('feedback_escalation')).toBe('feedbackReminders');
    expect(preferenceCategory('decision_recorded')).toBe('decisionNotices');
    expect(preferenceCategory('interview_cancelled')).toBe('interviewUpdates');
  });
});

describe('signed preference tokens', () => {
  const key = preferencesLinkKey(Buffer.alloc(32, 7));
  const userId = '3f1c2b9e-8a41-4c1e-9f0a-1b2c3d4e5f60';

  it('verifies its own token and names the user', () => {
    expect(verifyPreferencesToken(key, signPreferencesToken(key, userId))).toBe(userId);
  });

  it('refuses another key, another user, a changed MAC and anything malformed', () => {
    const token = signPreferencesToken(key, userId);
    const otherUser = '3f1c2b9e-8a41-4c1e-9f0a-1b2c3d4e5f61';
    expect(verifyPreferencesToken(preferencesLinkKey(Buffer.alloc(32, 8)), token)).toBeNull();
    expect(verifyPreferencesToken(key, `${otherUser}.${token.split('.')[1]}`)).toBeNull();
    const mac = token.split('.')[1];
    expect(verifyPreferencesToken(key, `${userId}.${(mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)}`)).toBeNull();
    for (const bad of [undefined, 42, '', userId, `${userId}.`, `${userId}.${mac}x`, `not-a-uuid.${mac}`])
      expect(verifyPreferencesToken(key, bad)).toBeNull();
  });

  it('derives the link key from the master key without being it', () => {
    const master = Buffer.alloc(32, 7);
    expect(preferencesLinkKey(master).equals(master)).toBe(false);
    expect(preferencesLinkKey(master)).toEqual(preferencesLinkKey(Buffer.alloc(32, 7)));
  });
});
