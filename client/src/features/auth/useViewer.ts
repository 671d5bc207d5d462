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

/**
 * What the signed-in user's roles allow, for pages that adapt to it. Pages
 * load alongside the viewer rather than after it, so until it arrives this is
 * the least: nothing extra is offered, and the server decides every action anyway.
 */
export function useViewerAccess(): { id: string | null; permissions: Permissions } {
  const { viewer } = useViewer();
  return { id: viewer?.id ?? null, permissions: permissionsFor(viewer?.roles ?? []) };
}
