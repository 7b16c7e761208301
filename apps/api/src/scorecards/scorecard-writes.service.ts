/** Moved to libs/core/src/scorecards; kept for apps/api/src/interviews until it imports from @hireloop/core. */
export { notAssigned } from '@hireloop/core';
