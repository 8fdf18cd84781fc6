/**
 * The most calls one tRPC batch may carry. The server refuses a longer batch (400) and the portal's
 * client splits at the same number, so only a hand-made request ever meets the limit.
 */
export const MAX_BATCH_SIZE = 20;
