import { useQuery } from "@apollo/client/react";
import { LEAD_SOURCES, SCORE_BANDS, SLA_STATES } from "@leadline/shared";
import { useCallback, useId, useState } from "react";
import { Button } from "../../components/Button";
import { SearchInput } from "../../components/SearchInput";
import { graphql } from "../../gql";
import type { LeadFilter, LeadSource, ScoreBand, SlaState } from "../../gql/graphql";
import { BAND_LABELS, SLA_LABELS, SOURCE_LABELS } from "../../labels";
import { AssignableUsersQuery } from "../team/assignable-users";

export const LeadFilterOptionsQuery = graphql(`
  query LeadFilterOptions {
    pipelines {
      id
      stages {
        key
        label
      }
    }
  }
`);

export interface LeadFilterState {
  status: string;
  source: LeadSource | "";
  band: ScoreBand | "";
  /** Mine, the pool, or one teammate's (`user:<id>`). */
  owner: "" | "mine" | "unassigned" | `user:${string}`;
  search: string;
  /** The leads list only: the SLA state and the creation date range (yyyy-mm-dd, the viewer's days). */
  sla: SlaState | "";
  createdFrom: string;
  createdTo: string;
}

export const NO_FILTERS: LeadFilterState = {
  status: "",
  source: "",
  band: "",
  owner: "",
  search: "",
  sla: "",
  createdFrom: "",
  createdTo: "",
};

/** A yyyy-mm-dd day of the viewer's calendar as the instant it starts (or, with `end`, the next one starts). */
export function dayStart(day: string, end = false): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (end ? 1 : 0));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isFiltered(filters: LeadFilterState): boolean {
  return Object.values(filters).some((value) => value !== "");
}

/**
 * The filters as the API's LeadFilter. Without view-all the server shows a
 * rep only their own and claimed leads anyway; the inbox says so (`mine`).
 */
export function toLeadFilter(filters: LeadFilterState, viewAll: boolean): LeadFilter {
  return {
    status: filters.status ? [filters.status] : null,
    source: filters.source ? [filters.source] : null,
    scoreBand: filters.band ? [filters.band] : null,
    mine: !viewAll || filters.owner === "mine" ? true : null,
    unassigned: viewAll && filters.owner === "unassigned" ? true : null,
    ownerId: viewAll && filters.owner.startsWith("user:") ? filters.owner.slice("user:".length) : null,
    search: filters.search || null,
    slaState: filters.sla ? [filters.sla] : null,
    createdFrom: dayStart(filters.createdFrom),
    createdTo: dayStart(filters.createdTo, true),
  };
}

function Select<T extends string>(props: {
  label: string;
  /** The "no filter" option's words; "Any <label>" by default. */
  any?: string;
  value: T | "";
  options: readonly { value: T; label: string }[];
  onChange: (value: T | "") => void;
}) {
  const id = useId();
  return (
    <div className="inline-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value as T | "")}>
        <option value="">{props.any ?? `Any ${props.label.toLowerCase()}`}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateField(props: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="inline-field inline-field--date">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} type="date" value={props.value} onChange={(event) => props.onChange(event.target.value)} />
    </div>
  );
}

/**
 * Status, source, score band, owner (for those who see everyone's leads; a
 * teammate by name for managers) and a text search; with `extended` (the
 * leads list), the SLA state and a creation date range too.
 */
export function LeadFilters(props: {
  value: LeadFilterState;
  onChange: (value: LeadFilterState) => void;
  viewAll: boolean;
  manage: boolean;
  searchLabel?: string;
  extended?: boolean;
}) {
  const { value, onChange } = props;
  const { data } = useQuery(LeadFilterOptionsQuery);
  const team = useQuery(AssignableUsersQuery, { skip: !props.manage }).data?.assignableUsers ?? [];
  // Stage keys repeat across pipelines (several have `new`): one option per key.
  const stages = new Map<string, string>();
  for (const pipeline of data?.pipelines ?? []) for (const stage of pipeline.stages) stages.set(stage.key, stage.label);
  const onSearch = useCallback(
    (search: string) => {
      if (search !== value.search) onChange({ ...value, search });
    },
    [onChange, value],
  );
  // The search box keeps its own text; clearing the filters starts it afresh.
  const [searchKey, setSearchKey] = useState(0);

  return (
    <fieldset className="filters">
      <legend className="visually-hidden">Filters</legend>
      <SearchInput
        key={searchKey}
        label={props.searchLabel ?? "Search your leads"}
        placeholder="Name, email, phone, company or #"
        onSearch={onSearch}
      />
      <Select
        label="Status"
        value={value.status}
        options={[...stages].map(([key, label]) => ({ value: key, label }))}
        onChange={(status) => onChange({ ...value, status })}
      />
      <Select
        label="Source"
        value={value.source}
        options={LEAD_SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))}
        onChange={(source) => onChange({ ...value, source })}
      />
      <Select
        label="Band"
        value={value.band}
        options={SCORE_BANDS.map((band) => ({ value: band, label: BAND_LABELS[band] }))}
        onChange={(band) => onChange({ ...value, band })}
      />
      {props.viewAll && (
        <Select
          label="Owner"
          value={value.owner}
          options={[
            { value: "mine" as const, label: "Mine" },
            { value: "unassigned" as const, label: "Unassigned" },
            ...team.map((user) => ({ value: `user:${user.id}` as const, label: user.name })),
          ]}
          onChange={(owner) => onChange({ ...value, owner })}
        />
      )}
      {props.extended && (
        <>
          <Select
            label="SLA"
            any="Any SLA"
            value={value.sla}
            options={SLA_STATES.map((state) => ({ value: state, label: SLA_LABELS[state] }))}
            onChange={(sla) => onChange({ ...value, sla })}
          />
          <DateField
            label="Created from"
            value={value.createdFrom}
            onChange={(createdFrom) => onChange({ ...value, createdFrom })}
          />
          <DateField label="to" value={value.createdTo} onChange={(createdTo) => onChange({ ...value, createdTo })} />
        </>
      )}
      {isFiltered(value) && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => {
            setSearchKey((key) => key + 1);
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      )}
    </fieldset>
  );
}
