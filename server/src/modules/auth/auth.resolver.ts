import type { Role } from "@leadline/shared";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { RoleEnum } from "../../graphql/enums.js";
import type { ApiKeyListing } from "./auth.service.js";
import { ApiKey, ApiKeyPayload, AuthPayload, User } from "./auth.types.js";

@Resolver(() => User)
export class AuthResolver {
  @Authorized()
  @Query(() => User)
  me(@Ctx() ctx: Context) {
    return ctx.services.auth.me(viewerOrThrow(ctx));
  }

  @Mutation(() => AuthPayload)
  login(
    @Arg("tenant", () => String) tenant: string,
    @Arg("email", () => String) email: string,
    @Arg("password", () => String) password: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.auth.login(tenant, email, password);
  }

  @Mutation(() => AuthPayload, {
    description: "An invited customer sets a password with the token from their invitation; they are signed in.",
  })
  acceptInvitation(
    @Arg("token", () => String) token: string,
    @Arg("password", () => String) password: string,
    @Arg("name", () => String, { nullable: true }) name: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.journey.acceptInvitation(token, password, name);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "Revokes the session whose token made this request." })
  logout(@Ctx() ctx: Context) {
    return ctx.services.auth.logout(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => ApiKeyPayload)
  async createApiKey(
    @Arg("name", () => String) name: string,
    @Arg("roles", () => [RoleEnum]) roles: Role[],
    @Ctx() ctx: Context,
  ): Promise<ApiKeyPayload> {
    const { key, secret } = await ctx.services.auth.createApiKey(viewerOrThrow(ctx), { name, roles });
    return { id: key.id, name: key.name, secret };
  }

  @Authorized()
  @Query(() => [ApiKey], {
    description: "ADMIN: the tenant's API keys, newest first, never their secrets; includeRevoked adds the revoked.",
  })
  apiKeys(
    @Arg("includeRevoked", () => Boolean, { nullable: true }) includeRevoked: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyListing[]> {
    return ctx.services.auth.listApiKeys(viewerOrThrow(ctx), { includeRevoked: includeRevoked ?? false });
  }

  @Authorized()
  @Mutation(() => Boolean)
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.auth.revokeApiKey(viewerOrThrow(ctx), id);
  }
}
