import express, { type Express, type Request, type Response } from "express";
import helmet from "helmet";
import { DomainError } from "../../errors.js";
import { extensionsOf, sendHttpError } from "../../graphql/errors.js";
import { refuseNulCharacters } from "../../graphql/nul-characters.js";
import type { Logger } from "../../logger.js";
import type { CaptureFormService } from "./capture-form.service.js";
import { EMBED_SCRIPT } from "./embed-script.js";
import { ATTRIBUTION_PARAM } from "./form-fields.js";
import { formFragment, page, thanksFragment } from "./form-page.js";

/** A form post is a few short fields; anything much larger is not a person typing. */
const MAX_BODY = "64kb";

/**
 * The public side of capture forms, no sign-in: the hosted page
 * (`GET /f/:formId`, rendered here, no JavaScript needed), the embed's
 * script and fragment, and the submission. Every answer a browser shows is
 * HTML: a refusal re-renders the form with what was typed and the errors
 * tied to their fields; a client that asks for JSON gets the API's error
 * shape. The embed lives on other origins, so its routes allow any origin;
 * no credentials are involved.
 */
export function mountFormRoutes(app: Express, services: { captureForms: CaptureFormService }, log: Logger) {
  const forms = services.captureForms;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        scriptSrc: ["https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"],
        frameSrc: ["https://www.google.com/recaptcha/"],
        connectSrc: ["https://www.google.com/recaptcha/"],
        baseUri: ["'none'"],
      },
    },
    // The embed fetches these from other origins.
    crossOriginResourcePolicy: { policy: "cross-origin" },
    crossOriginEmbedderPolicy: false,
  });
  const cors = (_req: Request, res: Response, next: () => void) => {
    res.set("access-control-allow-origin", "*");
    res.set("access-control-expose-headers", "x-leadline-redirect, retry-after");
    next();
  };

  app.get("/embed.js", cors, (_req, res) => {
    res.set("cache-control", "public, max-age=300");
    res.type("application/javascript").send(EMBED_SCRIPT);
  });

  const render = async (req: Request, res: Response, embed: boolean) => {
    try {
      const publicForm = await forms.publicFormOrThrow(String(req.params.formId));
      const values = attributionFrom(req, !embed);
      const fragment = formFragment({
        ...publicForm,
        action: actionOf(req, publicForm.form.id, embed),
        token: forms.guard.issueToken(publicForm.form.id),
        values,
        errors: [],
      });
      res.set("cache-control", "no-store");
      res.type("html").send(embed ? fragment : page(publicForm.form.name, fragment));
    } catch (error) {
      answerRefusal(req, res, error, embed, null);
    }
  };
  app.get("/f/:formId", headers, (req, res) => render(req, res, false));
  app.get("/f/:formId/embed", headers, cors, (req, res) => render(req, res, true));
  app.get("/f/:formId/thanks", headers, async (req, res) => {
    // The form's own message; the standard one when the form is gone or closed since.
    const message = await forms
      .publicFormOrThrow(String(req.params.formId))
      .then((f) => f.form.thankYouMessage)
      .catch((error: unknown) => {
        if (!(error instanceof DomainError)) log.warn({ err: error }, "thank-you page without its form's message");
        return null;
      });
    res.type("html").send(page("Thank you", thanksFragment(message)));
  });

  app.post(
    "/f/:formId",
    headers,
    cors,
    express.urlencoded({ extended: false, limit: MAX_BODY, parameterLimit: 200 }),
    refuseNulCharacters(log),
    async (req, res) => {
      const embed = req.query.embed === "1";
      const posted = stringsOf(req.body);
      const formId = String(req.params.formId);
      try {
        const result = await forms.submit(formId, posted, req.ip ?? "unknown");
        if (wantsJson(req)) {
          res.status(201).json({ accepted: true, redirectUrl: result.redirectUrl });
        } else if (embed) {
          if (result.redirectUrl) res.set("x-leadline-redirect", result.redirectUrl);
          res.status(201).type("html").send(thanksFragment(result.thankYouMessage));
        } else {
          res.redirect(303, result.redirectUrl ?? `/f/${encodeURIComponent(formId)}/thanks`);
        }
      } catch (error) {
        answerRefusal(req, res, error, embed, posted);
      }
    },
  );

  /** A refusal: JSON for API clients; otherwise the form again with the errors (or a plain page when the form is gone). */
  async function answerRefusal(
    req: Request,
    res: Response,
    error: unknown,
    embed: boolean,
    posted: Record<string, string> | null,
  ) {
    if (!(error instanceof DomainError) || wantsJson(req)) {
      sendHttpError(res, log, error, { path: req.path });
      return;
    }
    const extensions = extensionsOf(error);
    const status = error.reason === "INVALID_INPUT" ? 422 : statusOf(error);
    if (error.reason === "RATE_LIMITED") res.set("retry-after", String(extensions.retryAfterSeconds ?? 60));
    if (error.reason === "NOT_FOUND") {
      res.status(404).type("html").send(page("Form not found", "<p>This form does not exist or is closed.</p>"));
      return;
    }
    try {
      const publicForm = await forms.publicFormOrThrow(String(req.params.formId));
      const fragment = formFragment({
        ...publicForm,
        action: actionOf(req, publicForm.form.id, embed),
        token: forms.guard.issueToken(publicForm.form.id),
        values: posted ?? {},
        errors: error.fields ?? [],
        message: error.fields ? null : error.message,
      });
      res
        .status(status)
        .type("html")
        .send(embed ? fragment : page(publicForm.form.name, fragment));
    } catch (again) {
      sendHttpError(res, log, again, { path: req.path });
    }
  }
}

function statusOf(error: DomainError): number {
  switch (error.reason) {
    case "RATE_LIMITED":
      return 429;
    case "SPAM_SUSPECTED":
    case "CAPTCHA_FAILED":
      return 422;
    default:
      return 400;
  }
}

function wantsJson(req: Request): boolean {
  return req.accepts(["html", "json"]) === "json";
}

/** Where the form posts: back to the origin the visitor reached us at (absolute, for the embed on another origin). */
function actionOf(req: Request, formId: string, embed: boolean): string {
  const path = `/f/${encodeURIComponent(formId)}${embed ? "?embed=1" : ""}`;
  return embed ? `${req.protocol}://${req.get("host")}${path}` : path;
}

/**
 * This touch's attribution as the page was opened: the UTM parameters and
 * source URL the embed passes (or, on the hosted page, its own URL) and the
 * referrer (the embed's host page's, or the Referer header).
 */
function attributionFrom(req: Request, hosted: boolean): Record<string, string> {
  const query = stringsOf(req.query);
  const values: Record<string, string> = {};
  for (const name of Object.values(ATTRIBUTION_PARAM)) if (query[name]) values[name] = query[name];
  if (hosted) {
    values.source_url ??= `${req.protocol}://${req.get("host")}${req.originalUrl}`;
    const referer = req.get("referer");
    if (referer && !values.referrer) values.referrer = referer;
  }
  return values;
}

/** Only the first string of each field: repeated or structured values are not something this form sends. */
function stringsOf(input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!input || typeof input !== "object") return out;
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}
