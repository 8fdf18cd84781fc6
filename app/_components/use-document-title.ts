'use client';

import { useEffect } from 'react';

/**
 * Names a client-fetched detail page after what it shows once it has loaded ("Alice Nguyen · People ·
 * Gatehouse"); until then the page's static metadata title stands. Parts left empty are skipped.
 */
export function useDocumentTitle(parts: readonly (string | null | undefined)[] | null) {
  const title = parts && parts[0] ? [...parts.filter(Boolean), 'Gatehouse'].join(' · ') : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
