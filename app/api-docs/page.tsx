import type { Metadata } from 'next';
import { ApiReference } from './api-reference.tsx';

export const metadata: Metadata = { title: 'API reference' };

/** The REST API's reference, from /api/v1/openapi.json: public, like the document (no secrets in either). */
export default function ApiDocsPage() {
  return <ApiReference />;
}
