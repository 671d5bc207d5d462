import { graphql } from "../../gql";

/** Who a manager may hand leads to: the lead page's "Assign to" picker and the inbox's owner filter. */
export const AssignableUsersQuery = graphql(`
  query AssignableUsers {
    assignableUsers {
      id
      name
    }
  }
`);
