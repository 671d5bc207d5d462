import DataLoader from "dataloader";
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Lead } from "../lead-core/lead.types.js";
import { DuplicateMatch, DuplicateProbeInput } from "./duplicate.types.js";
import type { DuplicateMatchRow } from "./duplicate-match.js";

/** Per request: every `Lead.duplicates` of one response is answered by one batched search. */
const duplicateLoaders = new WeakMap<Context, DataLoader<LeadRow, DuplicateMatchRow[], string>>();

function duplicatesLoader(ctx: Context): DataLoader<LeadRow, DuplicateMatchRow[], string> {
  let loader = duplicateLoaders.get(ctx);
  if (!loader) {
    const viewer = viewerOrThrow(ctx);
    loader = new DataLoader((rows) => ctx.services.duplicates.duplicatesOfLeads(viewer, rows), {
      cacheKeyFn: (lead) => lead.id,
    });
    duplicateLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => Lead)
export class DuplicateResolver {
  @Authorized()
  @Query(() => [DuplicateMatch], {
    description: "Likely duplicates of a person among the leads you may see and the tenant's contacts, best first.",
  })
  findDuplicates(@Arg("input", () => DuplicateProbeInput) input: DuplicateProbeInput, @Ctx() ctx: Context) {
    return ctx.services.duplicates.findDuplicates(viewerOrThrow(ctx), input);
  }

  @Authorized()
  @Mutation(() => Lead, {
    description:
      "Merges the source lead into the target in one transaction (manage permission); the source is retired and answers NOT_FOUND from then on.",
  })
  mergeLeads(
    @Arg("targetId", () => ID) targetId: string,
    @Arg("sourceId", () => ID) sourceId: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.duplicates.mergeLeads(viewerOrThrow(ctx), targetId, sourceId);
  }

  @FieldResolver(() => [DuplicateMatch], { description: "Other leads and contacts that look like this lead." })
  duplicates(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return duplicatesLoader(ctx).load(lead);
  }
}
