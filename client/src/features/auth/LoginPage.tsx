import { type FormEvent, useId, useState } from "react";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { type Credentials, useLogin } from "./useLogin";

const FIELDS: { name: keyof Credentials; label: string; type: string; autoComplete: string }[] = [
  { name: "tenant", label: "Workspace", type: "text", autoComplete: "organization" },
  { name: "email", label: "Email", type: "email", autoComplete: "username" },
  { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
];

export function LoginPage() {
  const { logIn, loading, error } = useLogin();
  const [credentials, setCredentials] = useState<Credentials>({ tenant: "demo", email: "", password: "" });
  const idPrefix = useId();
  const fieldErrors = fieldErrorsOf(error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void logIn(credentials);
  }

  return (
    <main className="login">
      <form className="card login__card" onSubmit={onSubmit} noValidate>
        <h1 className="brand brand--large">Leadline</h1>
        <p className="muted">Sign in to your workspace</p>
        {FIELDS.map((field) => {
          const id = `${idPrefix}-${field.name}`;
          const fieldError = fieldErrors[field.name];
          return (
            <div className="field" key={field.name}>
              <label htmlFor={id}>{field.label}</label>
              <input
                id={id}
                name={field.name}
                type={field.type}
                autoComplete={field.autoComplete}
                required
                value={credentials[field.name]}
                onChange={(event) => setCredentials({ ...credentials, [field.name]: event.target.value })}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? `${id}-error` : undefined}
              />
              {fieldError && (
                <span className="field__error" id={`${id}-error`}>
                  {fieldError}
                </span>
              )}
            </div>
          );
        })}
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
