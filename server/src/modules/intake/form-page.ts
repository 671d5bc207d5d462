import { type FieldError, formFieldsOf, type LeadFieldSpec } from "@leadline/shared";
import escapeHtml from "escape-html";
import type { CaptureFormRow } from "../../db/schema/index.js";
import { ATTRIBUTION_PARAM } from "./form-fields.js";
import { HONEYPOT_FIELD, TOKEN_FIELD } from "./form-guard.js";

export interface FormPageState {
  form: Pick<CaptureFormRow, "name" | "fields">;
  captchaSiteKey: string | null;
  /** Where the form posts to (absolute for the embed, which lives on another origin). */
  action: string;
  token: string;
  /** What the visitor typed (re-shown after a refusal) and this touch's attribution. */
  values: Record<string, string>;
  errors: FieldError[];
  /** A refusal that is not about one field (too fast, captcha, too many). */
  message?: string | null;
  /** The admin screen's preview: the captcha widget is drawn as a placeholder (a preview runs no scripts). */
  preview?: boolean;
}

const AUTOCOMPLETE: Record<string, string> = {
  name: "name",
  firstName: "given-name",
  lastName: "family-name",
  middleName: "additional-name",
  email: "email",
  phone: "tel",
  jobTitle: "organization-title",
  companyName: "organization",
  companyWebsite: "url",
  city: "address-level2",
};
const INPUT_TYPE: Record<string, string> = { email: "email", phone: "tel", website: "url" };

const e = (value: string | null | undefined) => escapeHtml(value ?? "");

const STYLE = `.ll-form{font:16px/1.5 system-ui,sans-serif;max-width:32rem;color:#1a1a1a}
.ll-form label{display:block;font-weight:600;margin-top:.75rem}
.ll-form input,.ll-form textarea{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:4px}
.ll-form [aria-invalid=true]{border-color:#b00020}
.ll-form .ll-error{color:#b00020;margin:.25rem 0 0}
.ll-form .ll-alert{border:1px solid #b00020;padding:.5rem .75rem;border-radius:4px}
.ll-form .ll-alert p{margin:.25rem 0}
.ll-form .ll-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.ll-form .ll-captcha-preview{margin-top:1rem;width:18rem;max-width:100%;padding:1.25rem .75rem;border:1px solid #d3d3d3;border-radius:3px;background:#f9f9f9;color:#555;font-size:14px}
.ll-form button{margin-top:1rem;font:inherit;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#1f4fd1;color:#fff;cursor:pointer}`;

function fieldHtml(field: LeadFieldSpec, value: string, error: FieldError | undefined): string {
  const id = `ll-${field.key}`;
  const required = field.key === "name" ? " required" : "";
  const described = error ? ` aria-invalid="true" aria-describedby="${id}-error"` : "";
  const auto = AUTOCOMPLETE[field.key] ? ` autocomplete="${AUTOCOMPLETE[field.key]}"` : "";
  const control =
    field.form === "textarea"
      ? `<textarea id="${id}" name="${field.key}" rows="4"${required}${described}>${e(value)}</textarea>`
      : `<input id="${id}" name="${field.key}" type="${INPUT_TYPE[field.kind] ?? "text"}" value="${e(value)}"${auto}${required}${described}>`;
  const message = error ? `<p class="ll-error" id="${id}-error">${e(field.label)} ${e(error.message)}</p>` : "";
  return `<label for="${id}">${e(field.label)}${required ? " (required)" : ""}</label>${control}${message}`;
}

/**
 * The form itself, the same markup on the hosted page and in the embed: a
 * label for every control, each error tied to its field (aria-describedby)
 * and summed up in an alert, a honeypot no person sees, and the signed
 * render time. Works with no JavaScript at all (captcha forms need it for the widget).
 */
export function formFragment(state: FormPageState): string {
  const { form, values, errors } = state;
  const fields = formFieldsOf(form);
  const errorOf = (key: string) => errors.find((x) => x.field === key);
  const known = new Set(fields.map((f) => f.key));
  const general = [state.message, ...errors.filter((x) => !known.has(x.field)).map((x) => `${x.field} ${x.message}`)]
    .filter(Boolean)
    .map((m) => `<p>${e(m)}</p>`)
    .join("");
  const summary =
    errors.length || general
      ? `<div class="ll-alert" role="alert">${general || `<p>Please correct the ${errors.length === 1 ? "field" : "fields"} marked below.</p>`}</div>`
      : "";
  const hidden = Object.values(ATTRIBUTION_PARAM)
    .filter((name) => values[name])
    .map((name) => `<input type="hidden" name="${name}" value="${e(values[name])}">`)
    .join("");
  const captcha = captchaHtml(state);
  return `<div class="ll-form"><style>${STYLE}</style><form method="post" action="${e(state.action)}" novalidate aria-label="${e(form.name)}">${summary}${fields
    .map((f) => fieldHtml(f, values[f.key] ?? "", errorOf(f.key)))
    .join(
      "",
    )}<div class="ll-hp" aria-hidden="true"><label for="ll-hp">Leave this empty</label><input id="ll-hp" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div><input type="hidden" name="${TOKEN_FIELD}" value="${e(state.token)}">${hidden}${captcha}<button type="submit">Send</button></form></div>`;
}

/** Google's widget where the form asks for a captcha; in a preview, which runs no scripts, a box in its place. */
function captchaHtml(state: FormPageState): string {
  if (!state.captchaSiteKey) return "";
  if (state.preview) return `<div class="ll-captcha-preview" aria-hidden="true">reCAPTCHA check</div>`;
  return `<div class="g-recaptcha" data-sitekey="${e(state.captchaSiteKey)}"></div><script src="https://www.google.com/recaptcha/api.js" async defer></script>`;
}

/** A whole page around a fragment: the hosted form and its thank-you page. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>body{margin:0;padding:1.5rem}</style></head><body><main><h1 style="font:600 1.5rem system-ui,sans-serif">${e(title)}</h1>${body}</main></body></html>`;
}

const DEFAULT_THANKS = "Thank you. We have your details and will be in touch soon.";

/** What the visitor reads after sending: the form's own message (a paragraph per blank-line break) or the standard one. */
export function thanksFragment(message?: string | null): string {
  const paragraphs = (message?.trim() || DEFAULT_THANKS)
    .split(/\n\s*\n/)
    .map((p) => `<p>${e(p.trim()).replaceAll("\n", "<br>")}</p>`)
    .join("");
  return `<div class="ll-form" role="status">${paragraphs}</div>`;
}
