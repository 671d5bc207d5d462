import express, { type Express, type Request, type Response } from "express";
import { sendHttpError } from "../../graphql/errors.js";
import type { Logger } from "../../logger.js";
import { SMS_INBOUND_PATH, SMS_STATUS_PATH, type SmsHookService, type TwilioParams } from "./sms-hooks.service.js";

/** Twilio's webhooks are small forms; anything larger is not one. */
const MAX_BODY = "64kb";
/** The answer to an inbound SMS: an empty TwiML document, so Twilio sends no automatic reply. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * `POST /hooks/sms/status` (delivery reports) and `POST /hooks/sms/inbound`
 * (replies), both form-encoded and signed by Twilio with `X-Twilio-Signature`.
 * A request without a valid signature is refused with 403 before anything is
 * read from the database. With SMS not set up both answer 404.
 */
export function mountSmsHookRoutes(app: Express, services: { smsHooks: SmsHookService | null }, log: Logger) {
  const form = express.urlencoded({ extended: false, limit: MAX_BODY });

  function signedParams(req: Request, res: Response): TwilioParams | null {
    const hooks = services.smsHooks;
    if (!hooks) {
      res.status(404).type("text/plain").send("SMS is not set up on this server");
      return null;
    }
    const params = formFields(req.body);
    if (!hooks.verify(req.get("x-twilio-signature"), req.originalUrl, params)) {
      res.status(403).type("text/plain").send("Invalid signature");
      return null;
    }
    return params;
  }

  app.post(SMS_STATUS_PATH, form, async (req, res) => {
    try {
      const params = signedParams(req, res);
      if (!params || !services.smsHooks) return;
      const messageId = typeof req.query.message === "string" ? req.query.message : undefined;
      await services.smsHooks.receiveStatus(messageId, params);
      res.status(200).end();
    } catch (error) {
      sendHttpError(res, log, error, { path: req.path });
    }
  });

  app.post(SMS_INBOUND_PATH, form, async (req, res) => {
    try {
      const params = signedParams(req, res);
      if (!params || !services.smsHooks) return;
      await services.smsHooks.receiveInbound(params);
      res.status(200).type("text/xml").send(EMPTY_TWIML);
    } catch (error) {
      sendHttpError(res, log, error, { path: req.path });
    }
  });
}

/** The posted fields as strings (a repeated field keeps its last value; Twilio sends none). */
function formFields(body: unknown): TwilioParams {
  const params: TwilioParams = {};
  if (!body || typeof body !== "object") return params;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === "string") params[key] = value;
    else if (Array.isArray(value) && typeof value.at(-1) === "string") params[key] = value.at(-1) as string;
  }
  return params;
}
