import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpSecurity } from "../../db/schema/index.js";
import { isPublicAddress } from "../net/target-guard.js";

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
  // The same timeouts as a workspace's own server: a send must end well inside its job's expiry.
  const transport = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    send: (mail) => sendThrough(transport, mail),
    close() {
      transport.close();
    },
  };
}

/** A tenant's own SMTP server (messaging_providers): where, how it is protected, and who signs in. */
export interface SmtpServerSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string;
  password: string | null;
}

/** How long a tenant's server gets to connect, greet and answer: a test send says what went wrong soon. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Email through a tenant's own SMTP server, each message as `smtpTransport`
 * sends it and with the same outcomes. With `publicOnly` (unless
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS) the host is resolved here and the
 * connection goes to an address just checked to be public, its TLS still
 * verified against the host's name: a name that resolves inside the
 * network, now or after a DNS change, is refused for good.
 */
export function smtpServerTransport(settings: SmtpServerSettings, options: { publicOnly: boolean }): MailTransport {
  const hostname = settings.host.replace(/^\[(.*)\]$/, "$1");
  return {
    async send(mail) {
      let address = hostname;
      if (options.publicOnly) {
        const target = await publicAddressOf(hostname);
        if ("refused" in target) return { kind: target.lasting ? "rejected" : "unavailable", reason: target.refused };
        address = target.address;
      }
      const servername = isIP(hostname) ? undefined : hostname;
      const transport = nodemailer.createTransport({
        host: address,
        port: settings.port,
        secure: settings.security === "TLS",
        requireTLS: settings.security === "STARTTLS",
        ignoreTLS: settings.security === "NONE",
        ...(servername ? { servername, tls: { servername } } : {}),
        ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? "" } } : {}),
        ...SMTP_TIMEOUTS,
      });
      try {
        return await sendThrough(transport, mail);
      } finally {
        transport.close();
      }
    },
    close() {},
  };
}

/** The first address a name resolves to, when every one is public; else why not, and whether that may pass. */
async function publicAddressOf(hostname: string): Promise<{ address: string } | { refused: string; lasting: boolean }> {
  if (isIP(hostname)) {
    return isPublicAddress(hostname)
      ? { address: hostname }
      : { refused: `refused: ${hostname} is not a public address`, lasting: true };
  }
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(hostname, { all: true });
  } catch (error) {
    return { refused: `${hostname} does not resolve: ${(error as Error).message}`, lasting: false };
  }
  const bad = addresses.find((a) => !isPublicAddress(a.address));
  if (bad || !addresses[0]) {
    return {
      refused: `refused: ${hostname} resolves to ${bad?.address ?? "no address"}, which is not a public address`,
      lasting: true,
    };
  }
  return { address: addresses[0].address };
}

/** One message through a nodemailer transport: a 5xx is a refusal for good, anything else may pass later. */
async function sendThrough(transport: Transporter, mail: OutgoingMail): Promise<MailResult> {
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
    // Signing in was refused (535 is a 5xx; some servers answer 4xx or close): the same settings fail again.
    if ((error as { code?: unknown }).code === "EAUTH") return { kind: "rejected", reason };
    return { kind: "unavailable", reason };
  }
}
