import type { RoleTemplate } from '../role-template';
import { RESEARCH_SCIENTIST_ML } from './research-scientist-ml';
import { SENIOR_APPLIED_SCIENTIST } from './senior-applied-scientist';

/** Every template, in listing order. */
export const ROLE_TEMPLATES: readonly RoleTemplate[] = [SENIOR_APPLIED_SCIENTIST, RESEARCH_SCIENTIST_ML];

export const ROLE_TEMPLATE_KEYS = ROLE_TEMPLATES.map((t) => t.key);

export function findRoleTemplate(key: string): RoleTemplate | undefined {
  return ROLE_TEMPLATES.find((t) => t.key === key);
}
