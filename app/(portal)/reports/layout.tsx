import { SectionArea } from '../../_components/section-area.tsx';
import { REPORT_SECTIONS } from './sections.ts';

export default function ReportsLayout({ children }: { children: React.ReactNode }) {
  return (
    <SectionArea area="reports" label="Reports" sections={REPORT_SECTIONS}>
      {children}
    </SectionArea>
  );
}
