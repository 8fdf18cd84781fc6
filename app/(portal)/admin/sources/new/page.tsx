import type { Metadata } from 'next';
import { PageHeader } from '../../../../_components/ui/card.tsx';
import { SourceEditor } from '../source-editor.tsx';

export const metadata: Metadata = { title: 'New source' };

export default function NewSourcePage() {
  return (
    <>
      <PageHeader
        title="New source"
        description="An HR file drop, the HR database, or an identity provider that pushes people over SCIM."
      />
      <SourceEditor source={null} hasConnectionString={false} />
    </>
  );
}
