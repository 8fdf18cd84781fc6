'use client';

import { useEffect, useState } from 'react';
import { DecisionHold, type THeldDecision } from './decision-hold.ts';

/**
 * The page's held decisions (decision-hold.ts): `hold` one, `undo` it within the window. Leaving the
 * inbox for another page of the portal sends what is held at once; closing or reloading the tab
 * while something is held asks first (the browser's own "leave site?" prompt).
 */
export function useDecisionHold() {
  const [held, setHeld] = useState<THeldDecision[]>([]);
  const [hold] = useState(() => new DecisionHold(setHeld));
  useEffect(() => () => void hold.flush(), [hold]);
  const isHolding = held.length > 0;
  useEffect(() => {
    if (!isHolding) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isHolding]);
  return { held, hold: (d: THeldDecision) => hold.hold(d), undo: (key: string) => hold.cancel(key) };
}
