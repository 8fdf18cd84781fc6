/**
 * Lets the event loop run (sockets, timers) in the middle of a long synchronous loop. A load of a
 * few hundred thousand rows that runs beside a paged LDAP read yields every so often, so that a page's
 * answer is not left unread until its request times out.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows a loop handles between two yields (a few milliseconds of work). */
export const ROWS_BETWEEN_YIELDS = 10_000;
