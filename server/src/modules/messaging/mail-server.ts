import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Logger } from "../../logger.js";

export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO), which is where the mail was really sent. */
  recipients: string[];
  /** The envelope sender (MAIL FROM), the return path. */
  envelopeFrom: string | null;
  parsed: ParsedMail;
}

export interface MailServer {
  port: number;
  close(): Promise<void>;
}

/**
 * An SMTP server (smtp-server) for mail coming in: replies to leads' reply
 * addresses, and, on the embedded default, everything Leadline sends (the
 * development mailbox). No TLS and no authentication: it listens on
 * localhost unless told otherwise.
 */
export async function startMailServer(
  options: { port: number; host?: string; maxBytes?: number },
  handle: (mail: ReceivedMail) => Promise<void>,
  log: Logger,
): Promise<MailServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: options.maxBytes ?? 10 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) =>
          handle({
            recipients: session.envelope.rcptTo.map((r) => r.address),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            parsed,
          }),
        )
        .then(() => callback())
        .catch((error: unknown) => {
          log.error({ err: error }, "incoming mail could not be handled");
          callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
