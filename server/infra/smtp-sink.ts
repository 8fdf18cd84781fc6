import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export type TReceivedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
  receivedAt: Date;
};

export type TSmtpSink = {
  url: string;
  port: number;
  messages: () => TReceivedMail[];
  stop: () => Promise<void>;
};

/**
 * A real SMTP server (the smtp-server package) that keeps every message: in memory, and as .eml files
 * in `dir` when given. Tests send the portal's email to it; the launcher starts one for the demo when
 * no SMTP_URL is configured, so the emails can be read in .data/mail.
 */
export async function startSmtpSink(options: { port?: number; dir?: string } = {}): Promise<TSmtpSink> {
  const received: TReceivedMail[] = [];
  if (options.dir) fs.mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = parseMail(raw, {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        });
        received.push(mail);
        if (options.dir)
          fs.writeFileSync(
            path.join(
              options.dir,
              `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${received.length}.eml`,
            ),
            raw,
          );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => [...received],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Enough MIME to read what Gatehouse sends: headers, RFC 2047 subjects, the quoted-printable text part. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): TReceivedMail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) =>
    unfolded
      .split(/\r?\n/)
      .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const body = rest.join('\n\n');
  const textPart = body.split(/--[^\r\n]+\r?\n/).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? body;
  const textBody =
    textPart
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n\n') || textPart;
  return {
    ...envelope,
    subject: decodeWords(header('Subject')),
    text: decodeQuotedPrintable(textBody),
    raw,
    receivedAt: new Date(),
  };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(value: string): string {
  const bytes = value.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => `%${hex}`);
  try {
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  } catch {
    return bytes;
  }
}
