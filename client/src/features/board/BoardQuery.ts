import { graphql } from "../../gql";

/** The kanban: each stage with its count and first cards by rank. */
export const BoardQuery = graphql(`
  query Board($pipelineId: ID, $perColumn: Int) {
    catchUpCursor
    board(pipelineId: $pipelineId, perColumn: $perColumn) {
      pipeline {
        id
        name
        preset
      }
      columns {
        stage {
          key
          label
          category
          position
          transitions
          wipLimit
          conversionOnly
        }
        totalCount
        leads {
          edges {
            cursor
            node {
              id
              ...BoardCard_lead
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);

/** Cards first loaded per column: a team's board is whole in one request; "Show more" adds as many again. */
export const PER_COLUMN = 100;

/** The board's variables, built in one place so an early request (main.tsx) matches the page's. */
export const boardVariables = (pipelineId: string | null, perColumn = PER_COLUMN) => ({ pipelineId, perColumn });
