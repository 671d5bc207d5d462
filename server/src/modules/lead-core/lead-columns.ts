import { type GraphQLObjectType, type GraphQLResolveInfo, isObjectType } from "graphql";
import { Extensions } from "type-graphql";
import { fieldsSelectedAt, selectsField } from "../../graphql/pagination.js";
import { isLeadColumn, type LeadColumn } from "./lead-query.js";

const EXTENSION = "leadColumns";

/** Read by every page whatever is selected: the row's identity and tenant. */
const ALWAYS: readonly LeadColumn[] = ["id", "tenantId"];

/**
 * Declares the lead row's columns a `Lead` field resolver reads, so a page
 * whose selection asks only for declared fields reads only those columns
 * (`leadColumnsSelected`). A field stored on the row under its own name
 * needs nothing; a resolver without it makes every page that selects it
 * read the whole row. Outside production a page's rows refuse to give a
 * column they were not read with (`narrowedRow` in lead-query.ts), so a
 * resolver that reads more than it declares fails its tests.
 */
export function ReadsLeadColumns(...columns: LeadColumn[]): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Extensions({ [EXTENSION]: columns });
}

/**
 * The columns the `Lead` nodes of the connection being resolved need (at
 * `edges.node`), or null for the whole row: a selected field that neither
 * is a column nor declares its columns.
 */
export function leadColumnsSelected(info: GraphQLResolveInfo): ReadonlySet<LeadColumn> | null {
  const type = info.schema.getType("Lead");
  if (!isObjectType(type)) return null;
  return columnsFor(type, fieldsSelectedAt(info, ["edges", "node"]));
}

/**
 * What the connection being resolved asks of its page of leads: the columns its nodes read, and
 * whether it selects the total (counted beside the page rather than after it).
 */
export function leadPageSelection(info: GraphQLResolveInfo): {
  columns: ReadonlySet<LeadColumn> | null;
  countNow: boolean;
} {
  return { columns: leadColumnsSelected(info), countNow: selectsField(info, "totalCount") };
}

function columnsFor(type: GraphQLObjectType, names: Iterable<string>): ReadonlySet<LeadColumn> | null {
  const fields = type.getFields();
  const columns = new Set<LeadColumn>(ALWAYS);
  for (const name of names) {
    if (name === "__typename") continue;
    const field = fields[name];
    const declared = field?.extensions?.[EXTENSION] as LeadColumn[] | undefined;
    if (declared) for (const column of declared) columns.add(column);
    else if (field && !field.resolve && isLeadColumn(name)) columns.add(name);
    else return null;
  }
  return columns;
}
