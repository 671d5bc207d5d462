import express, { type Express, type Response } from "express";
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
 * A request without a valid signature (by the server's account, or the
 * account of the tenant it is about) is refused with 403 and changes
 * nothing. With no account to check it against, both answer 404.
 */
export function mountSmsHookRoutes(app: Express, services: { smsHooks: SmsHookService }, log: Logger) {
  const form = express.urlencoded({ extended: false, limit: MAX_BODY });
  const refuse = (res: Response, check: "FORGED" | "OFF") => {
    if (check === "OFF") res.status(404).type("text/plain").send("SMS is not set up on this server");
    else res.status(403).type("text/plain").send("Invalid signature");
  };

  app.post(SMS_STATUS_PATH, form, async (req, res) => {
    try {
      const params = formFields(req.body);
      const messageId = typeof req.query.message === "string" ? req.query.message : undefined;
      const hooks = services.smsHooks;
      const check = await hooks.checkStatus(req.get("x-twilio-signature"), req.originalUrl, params, messageId);
      if (check !== "SIGNED") return refuse(res, check);
      await hooks.receiveStatus(messageId, params);
      res.status(200).end();
    } catch (error) {
      sendHttpError(res, log, error, { path: req.path });
    }
  });

  app.post(SMS_INBOUND_PATH, form, async (req, res) => {
    try {
      const params = formFields(req.body);
      const hooks = services.smsHooks;
      const check = await hooks.checkInbound(req.get("x-twilio-signature"), req.originalUrl, params);
      if (typeof check === "string") return refuse(res, check);
      await hooks.receiveInbound(params, check.tenantId);
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
