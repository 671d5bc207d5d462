import { useQuery } from "@apollo/client/react";
import { LEAD_SOURCES, SCORE_BANDS } from "@leadline/shared";
import { useCallback, useId, useState } from "react";
import { Button } from "../../components/Button";
import { SearchInput } from "../../components/SearchInput";
import { graphql } from "../../gql";
import type { LeadFilter, LeadSource, ScoreBand } from "../../gql/graphql";
import { BAND_LABELS, SOURCE_LABELS } from "../../labels";
import { AssignableUsersQuery } from "../team/assignable-users";

const FilterOptionsQuery = graphql(`
  query InboxFilterOptions {
    pipelines {
      id
      stages {
        key
        label
      }
    }
  }
`);

export interface InboxFilterState {
  status: string;
  source: LeadSource | "";
  band: ScoreBand | "";
  /** Mine, the pool, or one teammate's (`user:<id>`). */
  owner: "" | "mine" | "unassigned" | `user:${string}`;
  search: string;
}

export const NO_FILTERS: InboxFilterState = { status: "", source: "", band: "", owner: "", search: "" };

export function isFiltered(filters: InboxFilterState): boolean {
  return Object.values(filters).some((value) => value !== "");
}

/** The filters as the API's LeadFilter; without view-all, the inbox's own scope (own and claimed leads). */
export function toLeadFilter(filters: InboxFilterState, viewAll: boolean): LeadFilter {
  return {
    status: filters.status ? [filters.status] : null,
    source: filters.source ? [filters.source] : null,
    scoreBand: filters.band ? [filters.band] : null,
    mine: !viewAll || filters.owner === "mine" ? true : null,
    unassigned: viewAll && filters.owner === "unassigned" ? true : null,
    ownerId: viewAll && filters.owner.startsWith("user:") ? filters.owner.slice("user:".length) : null,
    search: filters.search || null,
  };
}

function Select<T extends string>(props: {
  label: string;
  value: T | "";
  options: readonly { value: T; label: string }[];
  onChange: (value: T | "") => void;
}) {
  const id = useId();
  return (
    <div className="inline-field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value as T | "")}>
        <option value="">Any {props.label.toLowerCase()}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Status, source, score band, owner (for those who see everyone's leads; a
 * teammate by name for managers) and a text search.
 */
export function InboxFilters(props: {
  value: InboxFilterState;
  onChange: (value: InboxFilterState) => void;
  viewAll: boolean;
  manage: boolean;
}) {
  const { value, onChange } = props;
  const { data } = useQuery(FilterOptionsQuery);
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
        label="Search your leads"
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
