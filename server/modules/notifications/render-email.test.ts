import { describe, expect, it } from 'vitest';
import { renderEmail } from './render-email.ts';

describe('renderEmail', () => {
  const message = {
    to: 'mark@acme.test',
    toName: 'Mark Oduya',
    subject: 'Approve Payroll for Alice Nguyen?',
    text: 'Month-end <close>',
    link: '/approvals',
  };

  it('greets, says what happened and links deep into the portal', () => {
    const { text } = renderEmail(message, 'http://localhost:3000/');
    expect(text).toBe(
      [
        'Hello Mark,',
        '',
        'Approve Payroll for Alice Nguyen?',
        '',
        'Month-end <close>',
        '',
        'Open it in Gatehouse: http://localhost:3000/approvals',
        '',
        '— Gatehouse',
      ].join('\n'),
    );
  });

  it('escapes the HTML version', () => {
    const { html } = renderEmail(message, 'http://localhost:3000');
    expect(html).toContain('Month-end &lt;close&gt;');
    expect(html).toContain('<a href="http://localhost:3000/approvals">');
  });

  it('has no link when there is nothing to open', () => {
    expect(renderEmail({ ...message, link: null }, 'http://x').text).not.toContain('Open it');
  });
});
