import { Arg, Authorized, Ctx, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import type { LeadImportRow } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { CSV_DELIMITERS, type CsvDelimiter } from "./csv-records.js";
import { LeadImport, LeadImportPreview, toLeadImport } from "./import.types.js";

/**
 * CSV imports are started over REST (POST /api/v1/imports, a streamed file); here a file's first lines are
 * previewed, and imports are read and watched.
 */
@Resolver()
export class LeadImportResolver {
  @Authorized()
  @Query(() => LeadImport, {
    nullable: true,
    description: "ADMIN, MANAGER or MARKETEER: one import of your tenant, with its progress while it runs.",
  })
  async leadImport(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<LeadImport | null> {
    const row = await ctx.services.leadImports.findImport(viewerOrThrow(ctx), id);
    return row && toLeadImport(row);
  }

  @Authorized()
  @Query(() => [LeadImport], {
    description: "ADMIN, MANAGER or MARKETEER: your tenant's latest imports, newest first.",
  })
  async leadImports(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20, description: "At most 100." }) first: number,
  ): Promise<LeadImport[]> {
    const rows = await ctx.services.leadImports.listImports(viewerOrThrow(ctx), first);
    return rows.map(toLeadImport);
  }

  @Authorized()
  @Query(() => LeadImportPreview, {
    description:
      "ADMIN, MANAGER or MARKETEER: a file's columns and the field each would fill, from its first lines " +
      "(at most 64 KiB), before an import; nothing is stored.",
  })
  leadImportPreview(
    @Arg("sample", () => String, { description: "The start of the file: its header line and a few rows." })
    sample: string,
    @Arg("delimiter", () => String, { nullable: true, description: "One of , ; | or a tab; absent: guessed." })
    delimiter: string | null,
    @Ctx() ctx: Context,
  ): Promise<LeadImportPreview> {
    if (delimiter != null && !CSV_DELIMITERS.includes(delimiter as CsvDelimiter)) {
      throw badInput([{ field: "delimiter", message: "must be one of , ; | or a tab" }]);
    }
    return ctx.services.leadImports.previewCsv(viewerOrThrow(ctx), sample, delimiter as CsvDelimiter | null);
  }

  @Authorized()
  @Subscription(() => LeadImport, {
    description:
      "An import each time its counters move (a chunk committed), ending with it DONE or FAILED. " +
      "Its leads also arrive on leadEvents as CREATED events with channel IMPORT.",
    subscribe: ({ args, context }: { args: { id: string }; context: Context }) =>
      context.services.leadImports.watchImport(viewerOrThrow(context), args.id),
  })
  leadImportProgress(@Root() row: LeadImportRow, @Arg("id", () => ID) _id: string): LeadImport {
    return toLeadImport(row);
  }
}
