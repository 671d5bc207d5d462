import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/**
 * A connection's `totalCount`: a number, or a lazy count (`pageCount`) that
 * runs only when awaited. Given a resolver (not read straight off the
 * object, as the connection's other fields are), so graphql-js and the
 * compiled queries (graphql/compiled-execution.ts) both await it.
 */
export function TotalCountField(): PropertyDecorator {
  return Field(() => Int, { simple: false });
}

/**
 * The names of the fields selected at `path` below the field being resolved
 * (through fragments; `@skip` and `@include` are not evaluated, so it may
 * name more than will be resolved, never fewer). `[]` gives the field's own
 * selection (a connection's `totalCount`); `["edges", "node"]` its nodes'.
 */
export function fieldsSelectedAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, depth: number): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth]) walk(selection.selectionSet, depth + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, depth);
      } else if (!visited.has(`${depth}:${selection.name.value}`)) {
        visited.add(`${depth}:${selection.name.value}`);
        walk(info.fragments[selection.name.value]?.selectionSet, depth);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, 0);
  return names;
}

/**
 * Whether the field being resolved selects `name` among its own fields
 * (through fragments too): a connection's `totalCount`, which a list then
 * counts beside its page instead of after it.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return fieldsSelectedAt(info, []).has(name);
}
