import type { Role } from "@leadline/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { PublicUser, UserRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { RoleEnum } from "../../graphql/enums.js";
import { User } from "../auth/auth.types.js";

@Resolver(() => User)
export class UserAdminResolver {
  @Authorized()
  @Query(() => [User], {
    description:
      "MANAGER or ADMIN: the tenant's active users by name; includeInactive adds the invited and the deactivated.",
  })
  users(
    @Arg("includeInactive", () => Boolean, { nullable: true }) includeInactive: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<UserRow[]> {
    return ctx.services.users.listUsers(viewerOrThrow(ctx), { includeInactive: includeInactive ?? false });
  }

  @FieldResolver(() => Boolean, {
    description:
      "True until the user accepts their invitation (they have no password yet): activating them mails a new one.",
  })
  invited(@Root() user: PublicUser, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loaders.invited.load(user.id);
  }

  @Authorized()
  @Mutation(() => User, {
    description: "ADMIN: an inactive user who is emailed an invitation; they sign in after acceptInvitation.",
  })
  inviteUser(
    @Arg("email", () => String) email: string,
    @Arg("name", () => String) name: string,
    @Arg("roles", () => [RoleEnum]) roles: Role[],
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return ctx.services.users.inviteUser(viewerOrThrow(ctx), { email, name, roles });
  }

  @Authorized()
  @Mutation(() => User, {
    description:
      "ADMIN: changes the given fields. active: false ends the user's sessions and API keys at once and releases their claims.",
  })
  updateUser(
    @Arg("id", () => ID) id: string,
    @Arg("name", () => String, { nullable: true }) name: string | null,
    @Arg("roles", () => [RoleEnum], { nullable: true }) roles: Role[] | null,
    @Arg("active", () => Boolean, { nullable: true }) active: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<UserRow> {
    return ctx.services.users.updateUser(viewerOrThrow(ctx), id, { name, roles, active });
  }
}
