import { CombinedGraphQLErrors, type ErrorLike } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError, ErrorMessage, fieldErrorsOf } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment as unmask, useFragment } from "../../gql";
import type { StageCategory } from "../../gql/graphql";
import { navigate, paths } from "../../router";
import {
  addStage,
  type DraftStage,
  draftOf,
  isDirty,
  keptStages,
  moveStage,
  type PipelineDraft,
  type PlacedErrors,
  placeErrors,
  removeStage,
  restoreStage,
  toggleTransition,
  toSave,
  updateStage,
} from "./pipeline-draft";
import { TransitionsMatrix } from "./TransitionsMatrix";

const PipelineAdminFragment = graphql(`
  fragment PipelineAdmin_pipeline on Pipeline {
    id
    name
    preset
    isDefault
    stages {
      key
      label
      category
      position
      transitions
      wipLimit
      conversionOnly
      pausesSla
    }
  }
`);

const PipelinesAdminQuery = graphql(`
  query PipelinesAdmin {
    pipelines {
      id
      name
      isDefault
      ...PipelineAdmin_pipeline
    }
    pipelinePresets {
      key
      name
      stages {
        key
        label
      }
    }
  }
`);

// The board's counts (an admin sees every lead): how many leads each stage holds now.
const PipelineStageCounts = graphql(`
  query PipelineStageCounts($pipelineId: ID) {
    board(pipelineId: $pipelineId, perColumn: 0) {
      columns {
        stage {
          key
        }
        totalCount
      }
    }
  }
`);

const UpdatePipeline = graphql(`
  mutation UpdatePipeline($id: ID!, $name: String, $stages: [StageInput!]!, $stageMapping: [StageMappingInput!]) {
    updatePipeline(id: $id, name: $name, stages: $stages, stageMapping: $stageMapping) {
      id
      ...PipelineAdmin_pipeline
    }
  }
`);

const CreatePipeline = graphql(`
  mutation CreatePipeline($name: String!, $preset: String!) {
    createPipeline(name: $name, preset: $preset) {
      id
      name
      isDefault
      ...PipelineAdmin_pipeline
    }
  }
`);

const CATEGORY_LABELS: Record<StageCategory, string> = { OPEN: "Open", WON: "Won", LOST: "Lost" };

/** Issue 16's pipelines: each pipeline's stages and the moves between them, and new pipelines from a preset. */
export function PipelinesAdminPage(props: { pipelineId: string | null }) {
  const id = useId();
  const { data, error } = useQuery(PipelinesAdminQuery);
  if (error && !data) return <ErrorMessage error={error} />;
  const pipelines = data?.pipelines ?? [];
  const chosen =
    pipelines.find((p) => p.id === props.pipelineId) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0] ?? null;
  return (
    <section className="admin admin--wide">
      <h1 className="page-title">Pipelines</h1>
      <Card className="admin__card">
        {!data ? (
          <p className="muted">Loading…</p>
        ) : (
          <div className="inline-field">
            <label htmlFor={`${id}-pipeline`}>Pipeline</label>
            <select
              id={`${id}-pipeline`}
              value={chosen?.id ?? ""}
              onChange={(event) => navigate(paths.adminPipelines(event.target.value), { replace: true })}
            >
              {pipelines.map((pipeline) => (
                <option key={pipeline.id} value={pipeline.id}>
                  {pipeline.name}
                  {pipeline.isDefault ? " (default)" : ""}
                </option>
              ))}
            </select>
          </div>
        )}
      </Card>
      {chosen && <PipelineEditor key={chosen.id} pipeline={chosen} />}
      {data && <NewPipelineCard presets={data.pipelinePresets} />}
    </section>
  );
}

/** CONFLICT STAGE_NOT_EMPTY names the stages that still hold leads, with their counts. */
function stagesWithLeadsOf(error: unknown): { key: string; leads: number }[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const list = error.errors[0]?.extensions?.stagesWithLeads;
  return Array.isArray(list) ? (list as { key: string; leads: number }[]) : [];
}

/** What cannot be sent at all (GraphQL's Int takes no "2.5"): said in place, like the server's refusals. */
function unsendable(draft: PipelineDraft): PlacedErrors | null {
  const byRow: PlacedErrors["byRow"] = {};
  for (const stage of keptStages(draft)) {
    const limit = stage.wipLimit.trim();
    if (limit && !/^\d+$/.test(limit)) byRow[stage.row] = { wipLimit: "must be a positive whole number" };
  }
  return Object.keys(byRow).length ? { byRow, general: [] } : null;
}

function PipelineEditor(props: { pipeline: FragmentType<typeof PipelineAdminFragment> }) {
  const pipeline = useFragment(PipelineAdminFragment, props.pipeline);
  const id = useId();
  const toast = useToast();
  const [draft, setDraft] = useState<PipelineDraft>(() => draftOf(pipeline));
  const [placed, setPlaced] = useState<PlacedErrors | null>(null);
  const [save, saving] = useMutation(UpdatePipeline, { refetchQueries: [PipelineStageCounts] });
  const counts = useQuery(PipelineStageCounts, { variables: { pipelineId: pipeline.id }, fetchPolicy: "network-only" });
  const leadsIn = new Map(counts.data?.board.columns.map((c) => [c.stage.key, c.totalCount]) ?? []);
  const dirty = isDirty(draft, pipeline);
  const kept = keptStages(draft);

  /** An edit clears the refusals it answers. */
  function edit(next: PipelineDraft, row?: string, fields: string[] = []) {
    setDraft(next);
    if (!placed || !row) return;
    const rowErrors = { ...placed.byRow[row] };
    for (const field of fields) delete rowErrors[field];
    setPlaced({ ...placed, byRow: { ...placed.byRow, [row]: rowErrors } });
  }
  const change = (row: string, patch: Partial<DraftStage>) =>
    edit(updateStage(draft, row, patch), row, Object.keys(patch));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local = unsendable(draft);
    if (local) return setPlaced(local);
    const request = toSave(draft);
    try {
      const { data } = await save({
        variables: {
          id: pipeline.id,
          name: request.name,
          stages: request.stages,
          stageMapping: request.stageMapping.length ? request.stageMapping : null,
        },
      });
      if (data) setDraft(draftOf(unmask(PipelineAdminFragment, data.updatePipeline)));
      setPlaced(null);
      toast.show(`${request.name.trim()} saved: boards and lead pages follow its stages and moves now`);
    } catch (error) {
      const withLeads = stagesWithLeadsOf(error);
      // The counts shown were read with the screen: the refusal says they moved on.
      if (withLeads.length) void counts.refetch().catch(() => {});
      const found = placeErrors(fieldErrorsOf(error as ErrorLike), request, draft, withLeads);
      const anywhere = found.name || found.general.length || Object.keys(found.byRow).length;
      setPlaced(anywhere ? found : { ...found, general: [describeError(error as ErrorLike)] });
    }
  }

  const errorOf = (row: string, field: string) => placed?.byRow[row]?.[field];
  const rowErrorCount = placed ? Object.values(placed.byRow).filter((e) => Object.keys(e).length).length : 0;

  return (
    <Card className="admin__card">
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${id}-title`}>
        <div className="admin-pipeline__head">
          <h2 className="admin__title" id={`${id}-title`}>
            {pipeline.name}
          </h2>
          <span className="admin-list__badges">
            {pipeline.isDefault && <Badge tone="info">Default: new leads start here</Badge>}
            {pipeline.preset && <Badge>From the {pipeline.preset.replace(/_/g, " ")} preset</Badge>}
          </span>
        </div>
        <div className="field admin-pipeline__name">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={draft.name}
            autoComplete="off"
            onChange={(e) => {
              setDraft({ ...draft, name: e.target.value });
              if (placed?.name) setPlaced({ ...placed, name: undefined });
            }}
            aria-invalid={placed?.name ? true : undefined}
            aria-describedby={placed?.name ? `${id}-name-error` : undefined}
          />
          {placed?.name && (
            <span className="field__error" id={`${id}-name-error`}>
              {placed.name}
            </span>
          )}
        </div>

        <h3 className="admin__subtitle admin-pipeline__section">Stages, in board order</h3>
        <div className="table-wrap admin-pipeline__table">
          <table className="lead-table admin-stages">
            <caption className="visually-hidden">Stages of {pipeline.name}</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Label</th>
                <th scope="col">Key</th>
                <th scope="col">Category</th>
                <th scope="col">WIP limit</th>
                <th scope="col">Leads</th>
                <th scope="col">Rules</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.stages.map((stage, index) => (
                <StageRow
                  key={stage.row}
                  stage={stage}
                  index={index}
                  last={index === draft.stages.length - 1}
                  leads={stage.saved ? leadsIn.get(stage.key) : 0}
                  targets={kept.filter((s) => !s.conversionOnly && s.row !== stage.row)}
                  errorOf={(field) => errorOf(stage.row, field)}
                  onChange={(patch) => change(stage.row, patch)}
                  onMove={(by) => edit(moveStage(draft, stage.row, by))}
                  onRemove={() => edit(removeStage(draft, stage.row), stage.row, ["mapTo"])}
                  onRestore={() => edit(restoreStage(draft, stage.row), stage.row, ["mapTo"])}
                />
              ))}
            </tbody>
          </table>
        </div>
        <div className="admin-pipeline__add">
          <Button size="sm" onClick={() => setDraft(addStage(draft))}>
            Add stage
          </Button>
        </div>

        <h3 className="admin__subtitle admin-pipeline__section" id={`${id}-moves`}>
          Moves allowed
        </h3>
        <p className="muted field__hint">
          Tick a box to let a lead move from the row's stage to the column's. The board and the lead page offer only
          these moves, and the server refuses any other. A tick into a stage reached only by conversion says from where
          a lead may be converted.
        </p>
        <TransitionsMatrix
          labelledBy={`${id}-moves`}
          stages={kept}
          errorOf={(row) => errorOf(row, "transitions")}
          onToggle={(from, to, allowed) => edit(toggleTransition(draft, from, to, allowed), from, ["transitions"])}
        />

        {placed && placed.general.length > 0 && (
          <div className="error" role="alert">
            {placed.general.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        {rowErrorCount > 0 && (
          <p className="error" role="alert">
            The pipeline was not saved: see the {rowErrorCount === 1 ? "stage" : "stages"} marked above.
          </p>
        )}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={!dirty || saving.loading}>
            {saving.loading ? "Saving…" : "Save pipeline"}
          </Button>
          <Button
            variant="ghost"
            disabled={!dirty || saving.loading}
            onClick={() => {
              setDraft(draftOf(pipeline));
              setPlaced(null);
            }}
          >
            Discard changes
          </Button>
        </div>
      </form>
    </Card>
  );
}

function StageRow(props: {
  stage: DraftStage;
  index: number;
  last: boolean;
  leads: number | undefined;
  targets: DraftStage[];
  errorOf: (field: string) => string | undefined;
  onChange: (patch: Partial<DraftStage>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onRestore: () => void;
}) {
  const { stage, index, errorOf } = props;
  const id = useId();
  const name = stage.label.trim() || `stage ${index + 1}`;
  const error = (field: string) => {
    const message = errorOf(field);
    return (
      message && (
        <span className="field__error" id={`${id}-${field}-error`}>
          {message}
        </span>
      )
    );
  };
  const invalid = (field: string) => ({
    "aria-invalid": errorOf(field) ? true : undefined,
    "aria-describedby": errorOf(field) ? `${id}-${field}-error` : undefined,
  });
  const rulesError = errorOf("conversionOnly") ?? errorOf("pausesSla");
  const leads = props.leads ?? 0;

  if (stage.removed) {
    return (
      <tr className="admin-stages__removed" data-stage={stage.key}>
        <td>{index + 1}</td>
        <td colSpan={4}>
          <s>{stage.label}</s> <span className="muted">(removed when you save)</span>
          {(leads > 0 || errorOf("mapTo")) && (
            <div className="field admin-stages__map">
              <label htmlFor={`${id}-map`}>
                {leads > 0 ? `Its ${leads} ${leads === 1 ? "lead goes" : "leads go"} to` : "Its leads go to"}
              </label>
              <select
                id={`${id}-map`}
                value={stage.mapTo}
                onChange={(e) => props.onChange({ mapTo: e.target.value })}
                {...invalid("mapTo")}
              >
                <option value="">Choose a stage…</option>
                {props.targets.map((t) => (
                  <option key={t.row} value={t.row}>
                    {t.label || t.key}
                  </option>
                ))}
              </select>
              {error("mapTo")}
            </div>
          )}
        </td>
        <td>{props.leads ?? "…"}</td>
        <td />
        <td>
          <Button size="sm" variant="ghost" onClick={props.onRestore}>
            Restore<span className="visually-hidden"> {stage.label}</span>
          </Button>
        </td>
      </tr>
    );
  }

  return (
    <tr data-stage={stage.key || undefined}>
      <td>
        <span className="admin-stages__order">
          <span className="admin-stages__position">{index + 1}</span>
          <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => props.onMove(-1)}>
            <span aria-hidden="true">↑</span>
            <span className="visually-hidden">Move {name} up</span>
          </Button>
          <Button size="sm" variant="ghost" disabled={props.last} onClick={() => props.onMove(1)}>
            <span aria-hidden="true">↓</span>
            <span className="visually-hidden">Move {name} down</span>
          </Button>
        </span>
      </td>
      <td>
        <input
          className="admin-stages__label"
          aria-label={`Label of stage ${index + 1}`}
          value={stage.label}
          autoComplete="off"
          onChange={(e) => props.onChange({ label: e.target.value })}
          {...invalid("label")}
        />
        {error("label")}
      </td>
      <td>
        {stage.saved ? (
          <code title="Stored on leads: it stays">{stage.key}</code>
        ) : (
          <input
            className="admin-stages__key"
            aria-label={`Key of stage ${index + 1}`}
            value={stage.key}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => props.onChange({ key: e.target.value, keyEdited: true })}
            {...invalid("key")}
          />
        )}
        {error("key")}
      </td>
      <td>
        <select
          aria-label={`Category of stage ${index + 1}`}
          value={stage.category}
          onChange={(e) => {
            const category = e.target.value as StageCategory;
            // Each flag belongs to one category; a change of category drops the one that no longer fits.
            props.onChange({
              category,
              conversionOnly: category === "WON" && stage.conversionOnly,
              pausesSla: category === "OPEN" && stage.pausesSla,
            });
          }}
          {...invalid("category")}
        >
          {(Object.keys(CATEGORY_LABELS) as StageCategory[]).map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </select>
        {error("category")}
      </td>
      <td>
        <input
          className="admin-stages__wip"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="None"
          aria-label={`WIP limit of stage ${index + 1}`}
          value={stage.wipLimit}
          onChange={(e) => props.onChange({ wipLimit: e.target.value })}
          {...invalid("wipLimit")}
        />
        {error("wipLimit")}
      </td>
      <td className="admin-stages__count">{stage.saved ? (props.leads ?? "…") : 0}</td>
      <td>
        <div className="admin-stages__rules">
          {stage.category === "WON" && (
            <label>
              <input
                type="checkbox"
                checked={stage.conversionOnly}
                onChange={(e) => props.onChange({ conversionOnly: e.target.checked })}
                aria-describedby={rulesError ? `${id}-rules-error` : undefined}
              />
              Reached only by conversion
            </label>
          )}
          {stage.category === "OPEN" && (
            <label>
              <input
                type="checkbox"
                checked={stage.pausesSla}
                onChange={(e) => props.onChange({ pausesSla: e.target.checked })}
                aria-describedby={rulesError ? `${id}-rules-error` : undefined}
              />
              Pauses the SLA clock
            </label>
          )}
          {stage.category === "LOST" && <span className="muted">—</span>}
        </div>
        {rulesError && (
          <span className="field__error" id={`${id}-rules-error`}>
            {rulesError}
          </span>
        )}
      </td>
      <td>
        <Button size="sm" variant="ghost" onClick={props.onRemove}>
          Remove<span className="visually-hidden"> {name}</span>
        </Button>
      </td>
    </tr>
  );
}

function NewPipelineCard(props: {
  presets: { key: string; name: string; stages: { key: string; label: string }[] }[];
}) {
  const id = useId();
  const toast = useToast();
  const [name, setName] = useState("");
  const [preset, setPreset] = useState(props.presets[0]?.key ?? "");
  const [create, { loading, error, reset }] = useMutation(CreatePipeline);
  const errors = fieldErrorsOf(error);
  const chosen = props.presets.find((p) => p.key === preset);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    reset();
    try {
      const { data } = await create({
        variables: { name, preset },
        // Every list of pipelines (this screen's, the board's picker) shows the new one.
        update: (cache, { data: created }) => {
          if (!created) return;
          cache.modify({
            fields: {
              pipelines: (existing, { toReference }) =>
                Array.isArray(existing) ? [...existing, toReference(created.createPipeline)] : existing,
            },
          });
        },
      });
      if (!data) return;
      toast.show(`${data.createPipeline.name} created: shape its stages below`);
      setName("");
      navigate(paths.adminPipelines(data.createPipeline.id));
    } catch {
      // Shown next to the fields.
    }
  }

  return (
    <Card className="admin__card">
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-labelledby={`${id}-title`}>
        <h2 className="admin__title" id={`${id}-title`}>
          New pipeline from a preset
        </h2>
        <p className="muted">It starts with the preset's stages and moves; change them here afterwards.</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-name`}>Pipeline name</label>
            <input
              id={`${id}-name`}
              value={name}
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? `${id}-name-error` : undefined}
            />
            {errors.name && (
              <span className="field__error" id={`${id}-name-error`}>
                {errors.name}
              </span>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-preset`}>Preset</label>
            <select
              id={`${id}-preset`}
              value={preset}
              onChange={(e) => setPreset(e.target.value)}
              aria-invalid={errors.preset ? true : undefined}
              aria-describedby={`${id}-preset-stages${errors.preset ? ` ${id}-preset-error` : ""}`}
            >
              {props.presets.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name}
                </option>
              ))}
            </select>
            <span className="muted field__hint" id={`${id}-preset-stages`}>
              {chosen ? `Stages: ${chosen.stages.map((s) => s.label).join(" → ")}` : ""}
            </span>
            {errors.preset && (
              <span className="field__error" id={`${id}-preset-error`}>
                {errors.preset}
              </span>
            )}
          </div>
        </div>
        {error && !errors.name && !errors.preset && <ErrorMessage error={error} />}
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={loading}>
            {loading ? "Creating…" : "Create pipeline"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
