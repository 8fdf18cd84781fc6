'use client';

import { useSyncExternalStore } from 'react';

// Tailwind's `sm` breakpoint (40rem), the width from which the portal lays a page out for a laptop.
const WIDE = '(min-width: 40rem)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/**
 * Whether the window is at least `sm` wide, for what CSS cannot choose (an attribute such as a
 * placeholder). Phone first: false while the server renders and the browser hydrates, so a phone never
 * shows the laptop's text for a moment, and a laptop's first render matches the server's (React #418).
 */
export const useWideScreen = () =>
  useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
