import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { TenantSettings, TenantSettingsInput } from "./tenant.types.js";

@Resolver()
export class TenantResolver {
  @Authorized()
  @Query(() => TenantSettings, { description: "Your tenant's settings: its clocks and phone region." })
  tenantSettings(@Ctx() ctx: Context): Promise<TenantSettings> {
    return ctx.services.tenants.settings(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => TenantSettings, { description: "ADMIN: changes the given settings, all or none." })
  updateTenantSettings(
    @Arg("input", () => TenantSettingsInput) input: TenantSettingsInput,
    @Ctx() ctx: Context,
  ): Promise<TenantSettings> {
    return ctx.services.tenants.updateSettings(viewerOrThrow(ctx), input);
  }
}
