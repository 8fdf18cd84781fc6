'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

/** Scalar's reference, loaded in the browser only (it reads window as it starts). */
export default function ScalarReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: '/api/v1/openapi.json',
        withDefaultFonts: false,
        hideClientButton: true,
        hideDarkModeToggle: true,
        forceDarkModeState: 'light',
      }}
    />
  );
}
