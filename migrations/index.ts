import { InitialSchema1763860000000 } from './1763860000000-InitialSchema';
import { HiringDomain1763860001000 } from './1763860001000-HiringDomain';
import { ReportsAndDecisions1763860004000 } from './1763860004000-ReportsAndDecisions';
import { CalibrationAndReminders1763860005000 } from './1763860005000-CalibrationAndReminders';
import { OutboxTraceContext1764000500000 } from './1764000500000-OutboxTraceContext';

/** Every migration, in order. Add new ones at the end. */
export const ALL_MIGRATIONS = [InitialSchema1763860000000, HiringDomain1763860001000, ReportsAndDecisions1763860004000, CalibrationAndReminders1763860005000, OutboxTraceContext1764000500000];
