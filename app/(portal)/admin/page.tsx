import { redirectToFirstSection } from '../../_components/section-area.tsx';
import { ADMIN_SECTIONS } from './sections.ts';

export default function AdminHome() {
  return redirectToFirstSection(ADMIN_SECTIONS, 'admin');
}
