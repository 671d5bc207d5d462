import { useApolloClient, useMutation } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { navigate, paths } from "../../router";
import { writeToken } from "./session-token";
import { ViewerQuery } from "./useViewer";

const AcceptInvitation = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!, $name: String) {
    acceptInvitation(token: $token, password: $password, name: $name) {
      token
      user {
        id
        roles
        ...ViewerMenu_user
      }
    }
  }
`);

/**
 * The link in an invitation email (seed 000): the customer chooses a
 * password, is signed in, and lands on their requests, whose clocks start now.
 */
export function InvitePage(props: { token: string }) {
  const client = useApolloClient();
  const [accept, { loading, error }] = useMutation(AcceptInvitation);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const id = useId();
  const fieldErrors = fieldErrorsOf(error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const { data } = await accept({ variables: { token: props.token, password, name: name.trim() || null } });
      if (!data) return;
      await client.clearStore();
      client.writeQuery({ query: ViewerQuery, data: { me: data.acceptInvitation.user } });
      writeToken(data.acceptInvitation.token);
      navigate(paths.leads());
    } catch {
      // Shown below from `error`.
    }
  }

  return (
    <main className="login">
      <form className="card login__card" onSubmit={(event) => void onSubmit(event)} noValidate>
        <h1 className="brand brand--large">Leadline</h1>
        <p className="muted">Create your account to follow your requests.</p>
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name</label>
          <input id={`${id}-name`} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Choose a password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? `${id}-password-error` : undefined}
          />
          {fieldErrors.password && (
            <span className="field__error" id={`${id}-password-error`}>
              {fieldErrors.password}
            </span>
          )}
        </div>
        {error && !fieldErrors.password && <ErrorMessage error={error} />}
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Creating…" : "Create account"}
        </button>
      </form>
    </main>
  );
}
