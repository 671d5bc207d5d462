/**
 * The messages Leadline writes itself (seed 000's invitation, a staff
 * invitation, seed 001's review request): one template each, with `{{variables}}`. Links are
 * absolute when the server knows its public address (PUBLIC_URL), so they
 * work from any mailbox.
 */
export const TEMPLATES = {
  INVITATION: {
    subject: "Your request #{{requestId}}: create your account",
    body: [
      "Hello{{greetingName}},",
      "",
      'We received your request "{{leadName}}". Create your account to follow it and talk to us:',
      "{{link}}",
      "",
      "The link works until {{validUntil}}.",
      "",
      "{{tenantName}}",
    ].join("\n"),
  },
  USER_INVITATION: {
    subject: "{{inviterName}} invited you to {{tenantName}} on Leadline",
    body: [
      "Hello {{name}},",
      "",
      "{{inviterName}} invited you to work with {{tenantName}} on Leadline as {{roles}}. Set your password here:",
      "{{link}}",
      "",
      "The link works until {{validUntil}}.",
    ].join("\n"),
  },
  REVIEW_REQUEST: {
    subject: "How did {{tenantName}} do?",
    body: "Thank you for choosing {{tenantName}}! How did we do? Tell us here: {{link}}",
  },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** Fills a template's variables; an unknown variable is an error (a typo must not reach a customer). */
export function renderTemplate(name: TemplateName, vars: Record<string, string>): { subject: string; body: string } {
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
      const value = vars[key];
      if (value === undefined) throw new Error(`template ${name} needs {{${key}}}`);
      return value;
    });
  return { subject: fill(TEMPLATES[name].subject), body: fill(TEMPLATES[name].body) };
}

/** A path as a link: absolute under the public address when one is set. */
export function linkTo(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, "")}${path}`;
}
