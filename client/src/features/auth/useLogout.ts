import { useApolloClient, useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { writeToken } from "./session-token";

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/** Revokes the session on the server, then forgets it here even if the server cannot be reached. */
export function useLogout() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(LogoutMutation);

  async function logOut(): Promise<void> {
    try {
      await mutate();
    } catch {
      // The token is dropped below either way; an unreachable server must not keep anyone signed in.
    }
    writeToken(null);
    await client.clearStore();
  }

  return { logOut, loading };
}
