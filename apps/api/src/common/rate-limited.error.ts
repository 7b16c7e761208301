// The error lives with the other domain errors in libs/core; kept importable here for the API's services.
export { RateLimitedError } from '@hireloop/core';
