/**
 * The most bytes a call's body may hold, on the portal's tRPC endpoint and the REST API alike: both
 * adapters read a body whole, with no limit of their own, before any procedure's zod schema bounds its
 * fields, and the tRPC endpoint does so before it knows who is calling. The largest input a person
 * sends (an application's settings with its certificates) is a few tens of kilobytes.
 */
export const MAX_CALL_BODY = 1_000_000;
