import { useQuery } from "@apollo/client/react";
import { useId } from "react";
import { graphql } from "../../gql";
import { navigate, paths } from "../../router";

const PipelinesQuery = graphql(`
  query Pipelines {
    pipelines {
      id
      name
      isDefault
    }
  }
`);

/** Switches the board between the tenant's pipelines (the URL keeps the choice). */
export function PipelinePicker(props: { value: string | null }) {
  const { data } = useQuery(PipelinesQuery);
  const id = useId();
  const pipelines = data?.pipelines ?? [];
  const value = props.value ?? pipelines.find((p) => p.isDefault)?.id ?? "";
  return (
    <div className="inline-field">
      <label htmlFor={id}>Pipeline</label>
      <select id={id} value={value} onChange={(event) => navigate(paths.board(event.target.value))}>
        {pipelines.length === 0 && <option value={value}>Loading…</option>}
        {pipelines.map((pipeline) => (
          <option key={pipeline.id} value={pipeline.id}>
            {pipeline.name}
          </option>
        ))}
      </select>
    </div>
  );
}
