import nodemailer from "nodemailer";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  replyTo?: string | null;
  /** Our own Message-ID, so a receiver can tell a resent copy from a new mail. */
  messageId: string;
  /** The envelope sender (return path), where bounce reports go. */
  envelopeFrom?: string | null;
}

/** What the SMTP server said: accepted (with its id), or refused for good (a 5xx), or not now (anything else). */
export type MailResult =
  | { kind: "accepted"; providerId: string }
  | { kind: "rejected"; reason: string }
  | { kind: "unavailable"; reason: string };

export interface MailTransport {
  send(mail: OutgoingMail): Promise<MailResult>;
  close(): void;
}

/**
 * Email through SMTP with nodemailer. A 5xx reply is permanent (the message
 * is FAILED); a 4xx reply, a refused or dropped connection or a timeout is
 * not (the job retries with backoff, so a server down for a while delays
 * the message and loses nothing).
 */
export function smtpTransport(url: string): MailTransport {
  // A connection per message: nothing stays open to hold up a shutdown, and a replies' trickle needs no pool.
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          replyTo: mail.replyTo ?? undefined,
          messageId: mail.messageId,
          ...(mail.envelopeFrom ? { envelope: { from: mail.envelopeFrom, to: mail.to } } : {}),
        });
        return { kind: "accepted", providerId: String(info.messageId ?? mail.messageId) };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const reason = error instanceof Error ? error.message : String(error);
        if (typeof code === "number" && code >= 500) return { kind: "rejected", reason };
        return { kind: "unavailable", reason };
      }
    },
    close() {
      transport.close();
    },
  };
}
