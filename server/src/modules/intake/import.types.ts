import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ImportRowError, ImportStatus, LeadImportRow } from "../../db/schema/index.js";
import { IMPORT_STATUSES } from "./import-resource.js";

export const LeadImportStatusEnum = Object.fromEntries(IMPORT_STATUSES.map((s) => [s, s])) as {
  [K in ImportStatus]: K;
};
registerEnumType(LeadImportStatusEnum, {
  name: "LeadImportStatus",
  description: "RUNNING while rows are read; DONE at the end of the file; FAILED when the file stopped being readable.",
});

@ObjectType({ simpleResolvers: true, description: "A bad row of an import: its line in the file and what was wrong." })
export class LeadImportError implements ImportRowError {
  @Field(() => Int, { description: "The line the row starts on; the header is line 1." })
  line!: number;

  @Field(() => String, {
    nullable: true,
    description: "The CSV column (or, when no column gave it, the lead field) at fault; null for the whole row.",
  })
  field!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: "A CSV column and the lead field it fills." })
export class LeadImportColumn {
  @Field(() => String)
  column!: string;

  @Field(() => String)
  field!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A CSV import of leads (POST /api/v1/imports), or its dry run; counters move as each chunk commits.",
})
export class LeadImport
  implements
    Pick<
      LeadImportRow,
      | "id"
      | "status"
      | "dryRun"
      | "fileName"
      | "processedRows"
      | "createdCount"
      | "mergedCount"
      | "skippedCount"
      | "errorCount"
      | "errors"
      | "failure"
      | "createdAt"
      | "finishedAt"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => LeadImportStatusEnum)
  status!: ImportStatus;

  @Field(() => Boolean, { description: "Checked and counted as a real run would, then rolled back: nothing kept." })
  dryRun!: boolean;

  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field(() => [LeadImportColumn], { description: "The columns read, each with the field it fills." })
  columns!: LeadImportColumn[];

  @Field(() => Int, { description: "Rows read so far (created, merged, skipped and refused)." })
  processedRows!: number;

  @Field(() => Int)
  createdCount!: number;

  @Field(() => Int, { description: "Rows merged into an open lead (the tenant's MERGE policy for machine channels)." })
  mergedCount!: number;

  @Field(() => Int, { description: "Rows imported before (by any run of the same data), or repeated in the file." })
  skippedCount!: number;

  @Field(() => Int, { description: "Rows refused; each is listed in errors, up to the first 1,000 errors." })
  errorCount!: number;

  @Field(() => [LeadImportError])
  errors!: ImportRowError[];

  @Field(() => String, { nullable: true, description: "Why a FAILED import stopped." })
  failure!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

export function toLeadImport(row: LeadImportRow): LeadImport {
  return { ...row, columns: Object.entries(row.mapping).map(([column, field]) => ({ column, field })) };
}

@ObjectType({ simpleResolvers: true, description: "A lead field a CSV column can fill." })
export class LeadImportField {
  @Field(() => String, { description: "What a mapping names: the field's key." })
  key!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType({ simpleResolvers: true, description: "A column of a previewed file." })
export class LeadImportPreviewColumn {
  @Field(() => String, { description: "The header, trimmed." })
  column!: string;

  @Field(() => String, {
    nullable: true,
    description: "The field the import fills from it when no mapping names it (by key or label); null: none.",
  })
  field!: string | null;

  @Field(() => [String], { description: "Its first few non-empty values." })
  examples!: string[];
}

@ObjectType({ simpleResolvers: true, description: "Why the import would refuse a mapping." })
export class LeadImportMappingProblem {
  @Field(() => String, { nullable: true, description: "The column at fault; null when it is about the whole file." })
  column!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "A file's first lines as the import would read them, before anything is imported.",
})
export class LeadImportPreview {
  @Field(() => String, { description: "The delimiter given, or the one the header line holds most of." })
  delimiter!: string;

  @Field(() => [LeadImportPreviewColumn])
  columns!: LeadImportPreviewColumn[];

  @Field(() => [LeadImportField], { description: "Every field a column can fill." })
  fields!: LeadImportField[];

  @Field(() => [LeadImportMappingProblem], {
    description: "Why the suggested mapping (each column's field) would be refused; empty when it would work.",
  })
  problems!: LeadImportMappingProblem[];
}
