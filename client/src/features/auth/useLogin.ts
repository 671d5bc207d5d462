import { useApolloClient, useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { writeToken } from "./session-token";
import { ViewerQuery } from "./useViewer";

const LoginMutation = graphql(`
  mutation Login($tenant: String!, $email: String!, $password: String!) {
    login(tenant: $tenant, email: $email, password: $password) {
      token
      user {
        id
        roles
        ...ViewerMenu_user
      }
    }
  }
`);

export interface Credentials {
  tenant: string;
  email: string;
  password: string;
}

/** Signs in; the error (shown by the form) stays in `error`. */
export function useLogin() {
  const client = useApolloClient();
  const [mutate, { loading, error }] = useMutation(LoginMutation);

  async function logIn(credentials: Credentials): Promise<boolean> {
    try {
      const { data } = await mutate({ variables: credentials });
      if (!data) return false;
      // Start from an empty cache so nothing read as another user or tenant is ever shown,
      // then seed it with who signed in: the header needs no extra `me` request.
      await client.clearStore();
      client.writeQuery({ query: ViewerQuery, data: { me: data.login.user } });
      writeToken(data.login.token);
      return true;
    } catch {
      return false;
    }
  }

  return { logIn, loading, error };
}
