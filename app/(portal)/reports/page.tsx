import { redirectToFirstSection } from '../../_components/section-area.tsx';
import { REPORT_SECTIONS } from './sections.ts';

export default function ReportsHome() {
  return redirectToFirstSection(REPORT_SECTIONS, 'reports');
}
