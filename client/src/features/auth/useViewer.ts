import { useQuery } from "@apollo/client/react";
import { type Permissions, permissionsFor } from "@leadline/shared";
import { graphql } from "../../gql";

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      roles
      ...ViewerMenu_user
    }
  }
`);

/** The signed-in user, from the cache after the first read. */
export function useViewer() {
  const { data, error, loading } = useQuery(ViewerQuery);
  return { viewer: data?.me ?? null, error, loading };
}

/** Who is signed in and what their roles allow, for pages that adapt to it (the shell renders them only once known). */
export function useViewerAccess(): { id: string; permissions: Permissions } {
  const { viewer } = useViewer();
  if (!viewer) throw new Error("useViewerAccess is for pages shown after the viewer is loaded");
  return { id: viewer.id, permissions: permissionsFor(viewer.roles) };
}
