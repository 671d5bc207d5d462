import { timingSafeEqual } from "node:crypto";
import type { SecretBox } from "../auth/secret-box.js";

/**
 * Addresses that carry an id and a MAC under the server key, so mail sent to
 * them finds its record and cannot be made up for another one:
 * - `reply+<lead>.<tag>@<mail domain>`: the Reply-To of a lead's email; a
 *   reply to it lands on that lead;
 * - `bounce+<message>.<tag>@<mail domain>`: the envelope sender (return
 *   path) of one message; a bounce report to it marks that message BOUNCED.
 */
type Kind = "reply" | "bounce";

const ADDRESS = /^(reply|bounce)\+([0-9a-f]{32})\.([\w-]{16})@/i;

const tagOf = (box: SecretBox, kind: Kind, id: string) => box.mac(`${kind}-address`, id).slice(0, 16);

function addressFor(box: SecretBox, kind: Kind, uuid: string, mailFrom: string): string {
  const id = uuid.replaceAll("-", "").toLowerCase();
  const domain = mailFrom.split("@")[1] ?? "localhost";
  return `${kind}+${id}.${tagOf(box, kind, id)}@${domain}`;
}

function idOf(box: SecretBox, kind: Kind, address: string): string | null {
  const match = ADDRESS.exec(address.trim());
  if (!match || match[1]?.toLowerCase() !== kind) return null;
  const id = (match[2] as string).toLowerCase();
  const expected = Buffer.from(tagOf(box, kind, id));
  const given = Buffer.from(match[3] as string);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

export const replyAddressFor = (box: SecretBox, leadId: string, mailFrom: string) =>
  addressFor(box, "reply", leadId, mailFrom);
/** The lead a reply address belongs to, or null for any other address (or a forged tag). */
export const leadOfReplyAddress = (box: SecretBox, address: string) => idOf(box, "reply", address);

export const bounceAddressFor = (box: SecretBox, messageId: string, mailFrom: string) =>
  addressFor(box, "bounce", messageId, mailFrom);
/** The message a bounce address belongs to, or null. */
export const messageOfBounceAddress = (box: SecretBox, address: string) => idOf(box, "bounce", address);
