import { InitialSchema1763860000000 } from './1763860000000-InitialSchema';
import { HiringDomain1763860001000 } from './1763860001000-HiringDomain';
import { ReportsAndDecisions1763860004000 } from './1763860004000-ReportsAndDecisions';
import { CalibrationAndReminders1763860005000 } from './1763860005000-CalibrationAndReminders';
import { CandidateKeys1764000900000 } from './1764000900000-CandidateKeys';
import { RowLevelSecurity1764000950000 } from './1764000950000-RowLevelSecurity';

/** Every migration, in order. Add new ones at the end. */
export const ALL_MIGRATIONS = [InitialSchema1763860000000, HiringDomain1763860001000, ReportsAndDecisions1763860004000, CalibrationAndReminders1763860005000, CandidateKeys1764000900000, RowLevelSecurity1764000950000];
