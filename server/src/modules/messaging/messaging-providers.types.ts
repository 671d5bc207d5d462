import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  type DeliveryState,
  type EmailProviderSettings,
  type MessageChannel,
  SMTP_SECURITY,
  type SmsProviderSettings,
  type SmtpSecurity,
} from "../../db/schema/index.js";
import { DeliveryStateEnum, MessageChannelEnum } from "../../graphql/enums.js";
import type { EmailProviderInput as EmailInput, SmsProviderInput as SmsInput } from "./messaging-providers.service.js";

export const SmtpSecurityEnum = Object.fromEntries(SMTP_SECURITY.map((s) => [s, s])) as {
  [K in SmtpSecurity]: K;
};
registerEnumType(SmtpSecurityEnum, {
  name: "SmtpSecurity",
  description: "TLS: encrypted from the first byte (usually port 465); STARTTLS: upgraded, required (587); NONE.",
});

export const MessagingProviderSourceEnum = { WORKSPACE: "WORKSPACE", SERVER: "SERVER" } as const;
registerEnumType(MessagingProviderSourceEnum, {
  name: "MessagingProviderSource",
  description: "WORKSPACE: your workspace's own provider; SERVER: the one the server is set up with.",
});

@ObjectType({ simpleResolvers: true, description: "Your workspace's own SMTP server; its password is never shown." })
export class EmailProvider implements EmailProviderSettings {
  @Field(() => String)
  host!: string;

  @Field(() => Int)
  port!: number;

  @Field(() => SmtpSecurityEnum)
  security!: SmtpSecurity;

  @Field(() => String, { description: "Empty: the server takes mail without signing in." })
  username!: string;

  @Field(() => Boolean, { description: "Whether a password is set. It is write-only." })
  passwordSet!: boolean;

  @Field(() => String, { description: "The address mail is sent from; empty: the server's (MAIL_FROM)." })
  fromAddress!: string;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: "Your workspace's own account at a provider speaking Twilio's Messages API; its token is never shown.",
})
export class SmsProvider implements SmsProviderSettings {
  @Field(() => String, { description: "The provider's base URL, e.g. https://api.twilio.com." })
  apiUrl!: string;

  @Field(() => String)
  accountSid!: string;

  @Field(() => Boolean, { description: "Whether an auth token is set. It is write-only." })
  authTokenSet!: boolean;

  @Field(() => String, { description: "The number (E.164) or sender id SMS are sent from; replies to it come here." })
  from!: string;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: "Where your workspace's email and SMS go out: its own providers, else the server's.",
})
export class MessagingProvidersSettings {
  @Field(() => EmailProvider, { nullable: true, description: "Null: email goes through the server's provider." })
  email!: EmailProvider | null;

  @Field(() => SmsProvider, { nullable: true, description: "Null: SMS goes through the server's provider." })
  sms!: SmsProvider | null;

  @Field(() => Boolean, { description: "Whether the server sends email for a workspace without its own provider." })
  serverEmail!: boolean;

  @Field(() => Boolean, { description: "Whether the server sends SMS for a workspace without its own provider." })
  serverSms!: boolean;
}

@InputType({ description: "Your workspace's SMTP server. The password set before stays unless another is given." })
export class EmailProviderInput implements EmailInput {
  @Field(() => String, { description: "A host name or IP address, no scheme or port." })
  host!: string;

  @Field(() => Int)
  port!: number;

  @Field(() => SmtpSecurityEnum)
  security!: SmtpSecurity;

  @Field(() => String, { nullable: true, description: "Empty or absent: no sign-in." })
  username?: string | null;

  @Field(() => String, { nullable: true, description: "Write-only; absent or null keeps the one set." })
  password?: string | null;

  @Field(() => String, { nullable: true, description: "Empty or absent: the server's MAIL_FROM." })
  fromAddress?: string | null;
}

@InputType({ description: "Your workspace's SMS account. The auth token set before stays unless another is given." })
export class SmsProviderInput implements SmsInput {
  @Field(() => String, { nullable: true, description: "Absent: https://api.twilio.com." })
  apiUrl?: string | null;

  @Field(() => String)
  accountSid!: string;

  @Field(() => String, { nullable: true, description: "Write-only; absent or null keeps the one set." })
  authToken?: string | null;

  @Field(() => String, { description: "A number (E.164) or an alphanumeric sender id." })
  from!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A test message, after its one delivery attempt: what the provider said.",
})
export class TestMessageResult {
  @Field(() => MessageChannelEnum)
  channel!: MessageChannel;

  @Field(() => String)
  to!: string;

  @Field(() => Boolean, { description: "The provider took it (SENT, or DELIVERED already)." })
  sent!: boolean;

  @Field(() => DeliveryStateEnum, { description: "QUEUED when the attempt had not ended after 45 seconds." })
  deliveryState!: DeliveryState;

  @Field(() => String, { nullable: true, description: "The provider's answer when it did not take the message." })
  error!: string | null;

  @Field(() => String, { nullable: true, description: "The sender the provider was given." })
  from!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's id for it: an SMTP Message-ID, an SMS sid." })
  providerId!: string | null;

  @Field(() => MessagingProviderSourceEnum)
  via!: "WORKSPACE" | "SERVER";
}
