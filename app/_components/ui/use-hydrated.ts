'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False while the server renders and while the browser hydrates that render, true after. What only the
 * browser knows (its time zone, so "today" as a date field holds it: days.ts) waits for true: read on
 * the server it is the server's zone, and the browser's first render would not match it (React #418).
 */
export const useHydrated = () =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
