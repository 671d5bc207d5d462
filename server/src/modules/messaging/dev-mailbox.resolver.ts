import nodemailer from "nodemailer";
import { Arg, Authorized, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { badInput, DomainError, notFound } from "../../errors.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import type { DevMail as DevMailRow } from "./inbound-mail.service.js";

@ObjectType({ description: "A mail the built-in SMTP server took (embedded default only)." })
export class DevMail implements DevMailRow {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  from!: string;

  @Field(() => [String])
  to!: string[];

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true })
  replyTo!: string | null;

  @Field(() => String, { nullable: true, description: "The return path (envelope sender)." })
  envelopeFrom!: string | null;

  @Field(() => Date)
  receivedAt!: Date;
}

/**
 * The development mailbox: on the embedded default (no SMTP_URL) every mail
 * Leadline sends lands here, and answering one sends a real reply over SMTP
 * to the built-in server, as the customer's mail program would.
 */
@Resolver()
export class DevMailboxResolver {
  @Authorized()
  @Query(() => [DevMail], {
    description: "Embedded default only: the mail the built-in SMTP server took, newest first.",
  })
  devMailbox(@Ctx() ctx: Context): readonly DevMailRow[] {
    viewerOrThrow(ctx);
    return mailboxOrThrow(ctx).list();
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: "Embedded default only: answers a mail in the development mailbox as its recipient would.",
  })
  async replyInDevMailbox(
    @Arg("id", () => ID) id: string,
    @Arg("body", () => String) body: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    viewerOrThrow(ctx);
    const mailbox = mailboxOrThrow(ctx);
    const mail = mailbox.find(id);
    if (!mail) throw notFound("Mail");
    if (!mail.replyTo) throw badInput([{ field: "id", message: "this mail has no reply address" }]);
    if (!body.trim()) throw badInput([{ field: "body", message: "is required" }]);
    const transport = nodemailer.createTransport(ctx.services.mailUrl ?? "");
    try {
      await transport.sendMail({
        from: mail.to[0],
        to: mail.replyTo,
        subject: mail.subject.startsWith("Re:") ? mail.subject : `Re: ${mail.subject}`,
        text: `${body.trim()}\n\n${mail.text
          .split("\n")
          .map((line) => `> ${line}`)
          .join("\n")}`,
      });
    } finally {
      transport.close();
    }
    return true;
  }
}

function mailboxOrThrow(ctx: Context) {
  const mailbox = ctx.services.inboundMail.devMailbox;
  if (!mailbox) throw new DomainError("INVALID_STATE", "The development mailbox runs only on the embedded default");
  return mailbox;
}
