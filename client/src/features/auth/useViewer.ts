import { useApolloClient, useQuery } from "@apollo/client/react";
import { type Permissions, permissionsFor } from "@leadline/shared";
import { useEffect } from "react";
import { graphql } from "../../gql";
import { useConnectionMonitor } from "../../live/useConnection";

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

/**
 * Reads the viewer again each time the live connection comes back. When an
 * admin changes a signed-in user's roles, the server closes that user's
 * sockets (4412) and the reconnect lands here, so the menus follow the new
 * roles within seconds instead of at the next reload; a drop for any other
 * reason costs one small query.
 */
export function useViewerRefreshOnReconnect(): void {
  const connection = useConnectionMonitor();
  const client = useApolloClient();
  useEffect(
    () =>
      connection.onReconnect(() => {
        void client.refetchQueries({ include: [ViewerQuery] });
      }),
    [connection, client],
  );
}
