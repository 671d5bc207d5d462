import { timingSafeEqual } from "node:crypto";
import type { SecretBox } from "../auth/secret-box.js";

const PURPOSE = "reply-address";
const ADDRESS = /^reply\+([0-9a-f]{32})\.([\w-]{16})@/i;

/**
 * Each lead's own reply address, `reply+<lead>.<tag>@<mail domain>`: sent as
 * the Reply-To of its outbound email, so a reply finds its lead without
 * guessing from the sender. The tag is a MAC under the server key, so an
 * address cannot be made up for another lead.
 */
export function replyAddressFor(box: SecretBox, leadId: string, mailFrom: string): string {
  const id = leadId.replaceAll("-", "").toLowerCase();
  const domain = mailFrom.split("@")[1] ?? "localhost";
  return `reply+${id}.${tagOf(box, id)}@${domain}`;
}

const tagOf = (box: SecretBox, id: string) => box.mac(PURPOSE, id).slice(0, 16);

/** The lead a reply address belongs to, or null for any other address (or a forged tag). */
export function leadOfReplyAddress(box: SecretBox, address: string): string | null {
  const match = ADDRESS.exec(address.trim());
  if (!match) return null;
  const id = (match[1] as string).toLowerCase();
  const expected = Buffer.from(tagOf(box, id));
  const given = Buffer.from(match[2] as string);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}
