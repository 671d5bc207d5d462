import { useLazyQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import type { LeadSource } from "../../gql/graphql";
import { SOURCE_LABELS } from "../../labels";
import { describeRule, SOURCES } from "./RoutingRulesCard";

const PreviewRouting = graphql(`
  query PreviewRouting($input: RoutingPreviewInput!) {
    previewRouting(input: $input) {
      rule {
        id
        position
        source
        category
        city
        minScore
        form {
          id
          name
        }
      }
      queue {
        id
        name
      }
      owner {
        id
        name
      }
    }
  }
`);

/**
 * "A lead like this would go to …": the server runs the saved rules and the
 * queue's strategy on a described lead (previewRouting), changing nothing.
 */
export function RoutingPreviewCard(props: { forms: { id: string; name: string }[] | null; rulesDirty: boolean }) {
  const id = useId();
  const [source, setSource] = useState<LeadSource>("WEBSITE_FORM");
  const [formId, setFormId] = useState("");
  const [category, setCategory] = useState("");
  const [city, setCity] = useState("");
  const [score, setScore] = useState("");
  // Always asked afresh: the next owner moves with every lead routed.
  const [preview, { data, error, loading }] = useLazyQuery(PreviewRouting, { fetchPolicy: "network-only" });
  const errors = fieldErrorsOf(error);
  const scoreError =
    errors["input.score"] ?? (score.trim() && !/^\d+$/.test(score.trim()) ? "must be a whole number" : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (score.trim() && !/^\d+$/.test(score.trim())) return;
    void preview({
      variables: {
        input: {
          source,
          formId: formId || null,
          category: category.trim() || null,
          city: city.trim() || null,
          score: score.trim() ? Number(score) : null,
        },
      },
    }).catch(() => {
      // Shown under the form.
    });
  }

  const result = data?.previewRouting;
  return (
    <Card className="admin__card">
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          Preview
        </h2>
        <p className="muted">Describe a lead to see where the saved rules would send it now. Nothing is changed.</p>
        <div className="admin-rule__fields">
          <div className="field">
            <label htmlFor={`${id}-source`}>Source</label>
            <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as LeadSource)}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          {props.forms && (
            <div className="field">
              <label htmlFor={`${id}-form`}>Capture form</label>
              <select id={`${id}-form`} value={formId} onChange={(e) => setFormId(e.target.value)}>
                <option value="">None</option>
                {props.forms.map((form) => (
                  <option key={form.id} value={form.id}>
                    {form.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-category`}>Category</label>
            <input
              id={`${id}-category`}
              value={category}
              autoComplete="off"
              onChange={(e) => setCategory(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-city`}>City</label>
            <input id={`${id}-city`} value={city} autoComplete="off" onChange={(e) => setCity(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-score`}>Score</label>
            <input
              id={`${id}-score`}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              placeholder="0"
              value={score}
              onChange={(e) => setScore(e.target.value)}
              aria-invalid={scoreError ? true : undefined}
              aria-describedby={scoreError ? `${id}-score-error` : undefined}
            />
            {scoreError && (
              <span className="field__error" id={`${id}-score-error`}>
                {scoreError}
              </span>
            )}
          </div>
        </div>
        {props.rulesDirty && (
          <p className="muted field__hint">The preview uses the saved rules: save your changes to preview them.</p>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={loading}>
            Preview
          </Button>
        </div>
        {error && Object.keys(errors).length === 0 && <ErrorMessage error={error} />}
        <div className="admin-preview__result" aria-live="polite" data-testid="routing-preview">
          {result && !loading && (
            <p>
              {!result.rule || !result.queue ? (
                <>No rule matches a lead like this: it would stay in the pool, unrouted, until someone claims it.</>
              ) : (
                <>
                  A lead like this would go to <strong>{result.queue.name}</strong> by rule {result.rule.position + 1} (
                  {describeRule(result.rule)}),{" "}
                  {result.owner ? (
                    <>
                      and <strong>{result.owner.name}</strong> would get it next.
                    </>
                  ) : (
                    <>but nobody in that queue is active: it would wait there unowned.</>
                  )}
                </>
              )}
            </p>
          )}
        </div>
      </form>
    </Card>
  );
}
