import { useQuery } from "@apollo/client/react";
import { graphql } from "../../gql";

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      ...ViewerMenu_user
    }
  }
`);

/** The signed-in user, from the cache after the first read. */
export function useViewer() {
  const { data, error, loading } = useQuery(ViewerQuery);
  return { viewer: data?.me ?? null, error, loading };
}
