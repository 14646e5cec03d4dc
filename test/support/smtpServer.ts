// A real SMTP server for tests, started on a free port (the smtp-server package): it keeps what it
// receives, or refuses every recipient; and the mailer that sends to it.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { smtpMailer } from '../../src/server/modules/notifications/notifications.mail.ts';

export type Received = { from: string; to: string[]; raw: string };

/** An SMTP server on a free port that keeps what it receives, or refuses every recipient. */
export async function startSmtpServer(refuse: boolean) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!refuse) return callback();
      const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
      error.responseCode = 550;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const mailer = smtpMailer({
    host: '127.0.0.1',
    port,
    secure: false,
    user: null,
    password: null,
    from: 'Passend <noreply@passend.example>',
  });
  return { received, mailer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The text part of a received message, its quoted-printable soft breaks and escapes undone. */
export function textOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return body.replace(/=\r\n/g, '').replace(/(=[0-9A-F]{2})+/g, (encoded) =>
    Buffer.from(
      encoded
        .split('=')
        .slice(1)
        .map((hex) => Number.parseInt(hex, 16)),
    ).toString('utf8'),
  );
}
