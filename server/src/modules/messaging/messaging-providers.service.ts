import { type FieldError, normalizeEmail, normalizePhone } from "@leadline/shared";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import {
  type EmailProviderSettings,
  type MessageChannel,
  type MessagingProviderRow,
  messagingProviders,
  SMTP_SECURITY,
  type SmsProviderSettings,
  type SmtpSecurity,
  tenants,
} from "../../db/schema/index.js";
import { badInput, forbidden } from "../../errors.js";
import type { SecretBox } from "../auth/secret-box.js";
import type { Viewer } from "../auth/viewer.js";
import { parseTargetUrl, privateHostProblem } from "../net/target-guard.js";
import { type MailTransport, smtpServerTransport } from "./mail-transport.js";
import { type SmsTransport, twilioSmsTransport } from "./sms-transport.js";

export const DEFAULT_SMS_API_URL = "https://api.twilio.com";

const HOST_LIMIT = 253;
const USERNAME_LIMIT = 320;
const SECRET_LIMIT = 1_000;
const SID_LIMIT = 100;

export interface EmailProviderInput {
  host: string;
  port: number;
  security: SmtpSecurity;
  username?: string | null;
  /** Absent or null: the password set before stays. */
  password?: string | null;
  fromAddress?: string | null;
}

export interface SmsProviderInput {
  apiUrl?: string | null;
  accountSid: string;
  /** Absent or null: the token set before stays. */
  authToken?: string | null;
  from: string;
}

/** A tenant's provider as an admin sees it: its settings, and whether its secret is set, never the secret. */
export interface ProviderView<S> {
  settings: S;
  secretSet: boolean;
  updatedAt: Date;
}

export interface MessagingProvidersView {
  email: ProviderView<EmailProviderSettings> | null;
  sms: ProviderView<SmsProviderSettings> | null;
  /** Whether the server sends email (SMTP_URL, or the built-in server) for a tenant without its own. */
  serverEmail: boolean;
  serverSms: boolean;
}

export interface MessagingProvidersOptions {
  /** WEBHOOK_ALLOW_PRIVATE_NETWORKS: tenants' providers may be on private addresses too (tests, one's own network). */
  allowPrivateNetworks: boolean;
  /** Where SMS delivery reports come back (`<PUBLIC_URL>/hooks/sms/status`); null asks for none. */
  statusCallbackUrl: string | null;
  serverEmail: boolean;
  serverSms: boolean;
}

/** The email transport a tenant's messages go through, when it has its own. */
export interface TenantMail {
  transport: MailTransport;
  /** The address its mail is sent from; null: the server's MAIL_FROM. */
  fromAddress: string | null;
}

/**
 * Each tenant's own email (SMTP) and SMS (Twilio's Messages API) provider,
 * which its admins set here: its messages then go through it instead of the
 * server's. Secrets are write-only: sealed with the server key (bound to the
 * tenant), used to send and to check the provider's webhooks, never returned.
 * Delivery reads a tenant's row for each message and keeps the transport it
 * built for as long as the row is unchanged.
 */
export class MessagingProviders {
  private readonly cache = new Map<string, { stamp: number; value: TenantMail | SmsTransport }>();

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly options: MessagingProvidersOptions,
  ) {}

  async view(viewer: Viewer): Promise<MessagingProvidersView> {
    assertAdminOrThrow(viewer);
    const rows = await this.db
      .select()
      .from(messagingProviders)
      .where(eq(messagingProviders.tenantId, viewer.tenantId));
    const viewOf = <S>(channel: MessageChannel): ProviderView<S> | null => {
      const row = rows.find((r) => r.channel === channel);
      return row
        ? { settings: row.settings as S, secretSet: row.secretSealed !== null, updatedAt: row.updatedAt }
        : null;
    };
    return {
      email: viewOf<EmailProviderSettings>("EMAIL"),
      sms: viewOf<SmsProviderSettings>("SMS"),
      serverEmail: this.options.serverEmail,
      serverSms: this.options.serverSms,
    };
  }

  /** ADMIN: the tenant's own SMTP server, checked (a public host unless private networks are allowed), then stored. */
  async setEmail(viewer: Viewer, input: EmailProviderInput): Promise<MessagingProvidersView> {
    assertAdminOrThrow(viewer);
    const errors: FieldError[] = [];
    const host = input.host.trim().toLowerCase();
    if (!host || host.length > HOST_LIMIT || !/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/.test(host)) {
      errors.push({ field: "host", message: "must be a host name or an IP address, without a scheme or port" });
    }
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65_535) {
      errors.push({ field: "port", message: "must be a port number, 1 to 65535" });
    }
    if (!SMTP_SECURITY.includes(input.security)) {
      errors.push({ field: "security", message: `must be one of ${SMTP_SECURITY.join(", ")}` });
    }
    const username = (input.username ?? "").trim();
    if (username.length > USERNAME_LIMIT) {
      errors.push({ field: "username", message: `must be at most ${USERNAME_LIMIT} characters` });
    }
    const password = input.password ?? null;
    if (password !== null && (password.length === 0 || password.length > SECRET_LIMIT)) {
      errors.push({ field: "password", message: `must be 1 to ${SECRET_LIMIT} characters` });
    }
    let fromAddress = "";
    if (input.fromAddress?.trim()) {
      const email = normalizeEmail(input.fromAddress.trim());
      if (email.ok) fromAddress = email.value;
      else errors.push({ field: "fromAddress", message: "must be an email address, or empty for the server's" });
    }
    if (!errors.some((e) => e.field === "host")) {
      const problem = await this.targetProblem(host);
      if (problem) errors.push({ field: "host", message: problem });
    }
    const current = await this.row(viewer.tenantId, "EMAIL");
    // The password set before stays unless another is given; without a user name there is none to keep.
    const secretSealed = !username
      ? null
      : password !== null
        ? this.box.seal(password, viewer.tenantId)
        : (current?.secretSealed ?? null);
    if (username && !secretSealed && !errors.some((e) => e.field === "password")) {
      errors.push({ field: "password", message: "is required with a user name" });
    }
    if (errors.length) throw badInput(errors);
    const settings: EmailProviderSettings = { host, port: input.port, security: input.security, username, fromAddress };
    await this.save(viewer, "EMAIL", settings, secretSealed);
    return this.view(viewer);
  }

  /** ADMIN: the tenant's own account at a provider speaking Twilio's Messages API. */
  async setSms(viewer: Viewer, input: SmsProviderInput): Promise<MessagingProvidersView> {
    assertAdminOrThrow(viewer);
    const errors: FieldError[] = [];
    const parsed = parseTargetUrl(input.apiUrl?.trim() || DEFAULT_SMS_API_URL);
    let apiUrl = DEFAULT_SMS_API_URL;
    if ("problem" in parsed) errors.push({ field: "apiUrl", message: parsed.problem });
    else if (parsed.url.pathname !== "/" || parsed.url.search || parsed.url.hash) {
      errors.push({ field: "apiUrl", message: "must be the provider's base URL (https://api.twilio.com), no path" });
    } else {
      apiUrl = parsed.url.origin;
      const problem = await this.targetProblem(parsed.url.hostname);
      if (problem) errors.push({ field: "apiUrl", message: problem });
    }
    const accountSid = input.accountSid.trim();
    if (!accountSid || accountSid.length > SID_LIMIT || !/^[A-Za-z0-9_-]+$/.test(accountSid)) {
      errors.push({ field: "accountSid", message: `must be 1 to ${SID_LIMIT} letters, digits, - or _` });
    }
    const token = input.authToken ?? null;
    if (token !== null && (token.trim().length === 0 || token.length > SECRET_LIMIT)) {
      errors.push({ field: "authToken", message: `must be 1 to ${SECRET_LIMIT} characters` });
    }
    const from = senderOf(input.from, await this.defaultCountry(viewer.tenantId));
    if (!from) {
      errors.push({
        field: "from",
        message: "must be a phone number (E.164) or a sender id of up to 11 letters and digits",
      });
    }
    const current = await this.row(viewer.tenantId, "SMS");
    const secretSealed =
      token !== null ? this.box.seal(token.trim(), viewer.tenantId) : (current?.secretSealed ?? null);
    if (!secretSealed && !errors.some((e) => e.field === "authToken")) {
      errors.push({ field: "authToken", message: "is required" });
    }
    if (errors.length) throw badInput(errors);
    await this.save(viewer, "SMS", { apiUrl, accountSid, from: from as string }, secretSealed);
    return this.view(viewer);
  }

  /** ADMIN: the tenant's messages of that channel go through the server's provider again. */
  async remove(viewer: Viewer, channel: MessageChannel): Promise<MessagingProvidersView> {
    assertAdminOrThrow(viewer);
    await this.db
      .delete(messagingProviders)
      .where(and(eq(messagingProviders.tenantId, viewer.tenantId), eq(messagingProviders.channel, channel)));
    return this.view(viewer);
  }

  /** Whether the tenant has its own provider for the channel. */
  async has(tenantId: string, channel: MessageChannel): Promise<boolean> {
    return (await this.row(tenantId, channel)) !== null;
  }

  /** The tenant's own email transport; null: it has none, and the server's is used. */
  async emailFor(tenantId: string): Promise<TenantMail | null> {
    const row = await this.row(tenantId, "EMAIL");
    if (!row) return null;
    return this.cached(row, () => {
      const settings = row.settings as EmailProviderSettings;
      const password = row.secretSealed ? this.box.open(row.secretSealed, tenantId) : null;
      return {
        transport: smtpServerTransport({ ...settings, password }, { publicOnly: !this.options.allowPrivateNetworks }),
        fromAddress: settings.fromAddress || null,
      };
    }) as TenantMail;
  }

  /** The tenant's own SMS transport; null: it has none, and the server's is used. */
  async smsFor(tenantId: string): Promise<SmsTransport | null> {
    const row = await this.row(tenantId, "SMS");
    if (!row?.secretSealed) return null;
    const sealed = row.secretSealed;
    return this.cached(row, () =>
      twilioSmsTransport({
        ...(row.settings as SmsProviderSettings),
        authToken: this.box.open(sealed, tenantId),
        statusCallbackUrl: this.options.statusCallbackUrl,
        publicOnly: !this.options.allowPrivateNetworks,
      }),
    ) as SmsTransport;
  }

  /** The tenant's own SMS auth token, which signs the provider's webhooks about its messages. */
  async smsTokenOf(tenantId: string): Promise<string | null> {
    const row = await this.row(tenantId, "SMS");
    return row?.secretSealed ? this.box.open(row.secretSealed, tenantId) : null;
  }

  /** The tenants whose own SMS number (or sender id) is `to`, each with its auth token: where a reply to it belongs. */
  async smsAccountsFor(to: string): Promise<{ tenantId: string; authToken: string }[]> {
    const rows = await this.db
      .select()
      .from(messagingProviders)
      .where(and(eq(messagingProviders.channel, "SMS"), sql`${messagingProviders.settings}->>'from' = ${to}`));
    return rows.flatMap((r) =>
      r.secretSealed ? [{ tenantId: r.tenantId, authToken: this.box.open(r.secretSealed, r.tenantId) }] : [],
    );
  }

  private async row(tenantId: string, channel: MessageChannel): Promise<MessagingProviderRow | null> {
    const [row] = await this.db
      .select()
      .from(messagingProviders)
      .where(and(eq(messagingProviders.tenantId, tenantId), eq(messagingProviders.channel, channel)));
    return row ?? null;
  }

  private cached(row: MessagingProviderRow, build: () => TenantMail | SmsTransport): TenantMail | SmsTransport {
    const key = `${row.tenantId}:${row.channel}`;
    const stamp = row.updatedAt.getTime();
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = build();
    this.cache.set(key, { stamp, value });
    return value;
  }

  private async save(
    viewer: Viewer,
    channel: MessageChannel,
    settings: EmailProviderSettings | SmsProviderSettings,
    secretSealed: string | null,
  ): Promise<void> {
    const row = {
      tenantId: viewer.tenantId,
      channel,
      settings,
      secretSealed,
      updatedById: viewer.userId,
      updatedAt: new Date(),
    };
    await this.db
      .insert(messagingProviders)
      .values(row)
      .onConflictDoUpdate({ target: [messagingProviders.tenantId, messagingProviders.channel], set: row });
  }

  private targetProblem(host: string): Promise<string | null> {
    return this.options.allowPrivateNetworks ? Promise.resolve(null) : privateHostProblem(host);
  }

  private async defaultCountry(tenantId: string): Promise<string> {
    const [tenant] = await this.db
      .select({ country: tenants.defaultCountry })
      .from(tenants)
      .where(eq(tenants.id, tenantId));
    return tenant?.country ?? "US";
  }
}

function assertAdminOrThrow(viewer: Viewer): void {
  if (!viewer.permissions.admin) throw forbidden("Only admins see and change the messaging providers");
}

/** A number in E.164, or an alphanumeric sender id (up to 11 letters and digits, not all digits); null: neither. */
export function senderOf(raw: string, defaultCountry: string): string | null {
  const text = raw.trim();
  if (/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(text)) return text;
  const phone = normalizePhone(text, defaultCountry);
  return phone.ok ? phone.value : null;
}
