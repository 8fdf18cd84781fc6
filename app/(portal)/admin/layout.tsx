import { SectionArea } from '../../_components/section-area.tsx';
import { ADMIN_SECTIONS } from './sections.ts';

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <SectionArea area="admin" label="Administration" sections={ADMIN_SECTIONS}>
      {children}
    </SectionArea>
  );
}
