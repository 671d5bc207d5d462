import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAsync } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { badInput, DomainError } from "../../errors.js";

/*
 * Where a tenant may make the server connect: outbound webhooks, and a
 * tenant's own SMTP server or SMS provider. Below every module that connects
 * out, so each uses the one guard.
 */

/** Longest endpoint URL accepted. */
const MAX_URL_LENGTH = 2_048;

/**
 * Whether an address is a public unicast one. ipaddr.js names every special
 * range (private, loopback, link-local, unique-local, carrier-grade NAT,
 * multicast, documentation, 6to4, Teredo, NAT64, …) and answers "unicast"
 * only for the rest; IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4
 * address it carries. Anything that is not plainly public is refused, so a
 * range added to a future list is refused too rather than allowed.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

/** The URL's host as an address or a name: WHATWG URL keeps IPv6 literals in brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Parses an endpoint URL: absolute, http or https, without credentials; else says what is wrong with it. */
export function parseTargetUrl(raw: string): { url: URL } | { problem: string } {
  const text = raw.trim();
  if (text.length > MAX_URL_LENGTH) return { problem: `must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: "must be an absolute http:// or https:// URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { problem: "must use http or https" };
  // The URL is listed back to every admin; a password in it would be a secret stored in the clear.
  if (url.username || url.password) {
    return { problem: "must not carry a user name or password: our signature authenticates us" };
  }
  if (!hostOf(url)) return { problem: "must name a host" };
  return { url };
}

const privateTarget = (url: URL, address: string) =>
  new DomainError(
    "WEBHOOK_TARGET_PRIVATE",
    `${url.host} is or resolves to ${address}, which is not a public address (private, loopback, link-local or reserved): webhooks go to public addresses only`,
    [{ field: "url", message: `resolves to ${address}, which is not a public address` }],
  );

/**
 * Refuses a URL whose host is, or resolves to, anything but public
 * addresses: every address the name resolves to is checked, since a
 * connection may use any of them. Run when an endpoint is saved; delivery
 * checks again at connect time (`guardedLookup`), because DNS answers change.
 */
export async function assertPublicTargetOrThrow(url: URL): Promise<void> {
  const host = hostOf(url);
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw privateTarget(url, host);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAsync(host, { all: true, verbatim: true });
  } catch {
    throw badInput([{ field: "url", message: `host ${host} does not resolve` }]);
  }
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused || addresses.length === 0) throw privateTarget(url, refused?.address ?? "no address");
}

/** The error a refused connection fails with; its message ends up in the delivery log. */
export class PrivateTargetError extends Error {
  readonly code = "EPRIVATETARGET";
}

/**
 * A `lookup` for node:http(s) requests: resolves as usual, then refuses the
 * connection when any address is not public. The socket connects only to
 * the addresses checked here, so a DNS answer that changes between a check
 * and the connection (DNS rebinding) cannot slip a private address through.
 * Node calls it with `all: true` when it tries several addresses (the
 * default), and without for a single one.
 */
export const guardedLookup: LookupFunction = publicOnlyLookup("webhooks");

/** `guardedLookup` for another kind of outbound connection (a tenant's SMS provider, say), named in the refusal. */
export function publicOnlyLookup(what: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused || addresses.length === 0) {
        const reason = refused ? `resolves to ${refused.address}` : "resolves to no address";
        return callback(
          new PrivateTargetError(`${hostname} ${reason}: refused, ${what} go to public addresses only`),
          "",
          4,
        );
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Why a host may not be connected to: a private literal, or a name that
 * does not resolve or resolves to any address that is not public; null when
 * every address it resolves to is public. For settings checked when saved
 * (a tenant's SMTP server, say); the connection checks again.
 */
export async function privateHostProblem(hostname: string): Promise<string | null> {
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) return isPublicAddress(host) ? null : `${host} is not a public address`;
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAsync(host, { all: true, verbatim: true });
  } catch {
    return `${host} does not resolve`;
  }
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  if (refused) return `resolves to ${refused.address}, which is not a public address`;
  return addresses.length ? null : `${host} resolves to no address`;
}

/** Refuses a literal private address before connecting: Node skips `lookup` for IP literals. */
export function privateLiteralOf(url: URL): string | null {
  const host = hostOf(url);
  return isIP(host) && !isPublicAddress(host) ? host : null;
}
