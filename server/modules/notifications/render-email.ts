export type TEmailMessage = {
  to: string;
  toName: string;
  subject: string;
  text: string;
  link: string | null;
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text and HTML bodies with a deep link into the portal. */
export function renderEmail(message: TEmailMessage, publicUrl: string): { text: string; html: string } {
  const url = message.link ? `${publicUrl.replace(/\/$/, '')}${message.link}` : null;
  const firstName = message.toName.split(/\s+/)[0] ?? message.toName;
  const lines = [
    `Hello ${firstName},`,
    '',
    message.subject + (message.subject.endsWith('.') || message.subject.endsWith('?') ? '' : '.'),
  ];
  if (message.text) lines.push('', message.text);
  if (url) lines.push('', `Open it in Gatehouse: ${url}`);
  lines.push('', '— Gatehouse');
  const html = [
    `<p>Hello ${escapeHtml(firstName)},</p>`,
    `<p><strong>${escapeHtml(message.subject)}</strong></p>`,
    message.text ? `<p>${escapeHtml(message.text).replace(/\n/g, '<br>')}</p>` : '',
    url ? `<p><a href="${escapeHtml(url)}">Open it in Gatehouse</a></p>` : '',
    '<p style="color:#64748b">— Gatehouse</p>',
  ].join('\n');
  return { text: lines.join('\n'), html };
}
