/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n": typeof types.ViewerMenu_UserFragmentDoc,
    "\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        ...ViewerMenu_user\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id\n      ...ViewerMenu_user\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n": typeof types.LeadTable_LeadFragmentDoc,
    "\n  query LeadList($first: Int!, $after: String, $search: String) {\n    leads(first: $first, after: $after, filter: { search: $search }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.LeadListDocument,
};
const documents: Documents = {
    "\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n": types.ViewerMenu_UserFragmentDoc,
    "\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        ...ViewerMenu_user\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Viewer {\n    me {\n      id\n      ...ViewerMenu_user\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n": types.LeadTable_LeadFragmentDoc,
    "\n  query LeadList($first: Int!, $after: String, $search: String) {\n    leads(first: $first, after: $after, filter: { search: $search }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.LeadListDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n"): (typeof documents)["\n  fragment ViewerMenu_user on User {\n    id\n    name\n    email\n    roles\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        ...ViewerMenu_user\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($tenant: String!, $email: String!, $password: String!) {\n    login(tenant: $tenant, email: $email, password: $password) {\n      token\n      user {\n        id\n        ...ViewerMenu_user\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      ...ViewerMenu_user\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      ...ViewerMenu_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n"): (typeof documents)["\n  fragment LeadTable_lead on Lead {\n    id\n    requestId\n    name\n    email\n    companyName\n    stage {\n      key\n      label\n      category\n    }\n    owner {\n      id\n      name\n    }\n    score\n    scoreBand\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LeadList($first: Int!, $after: String, $search: String) {\n    leads(first: $first, after: $after, filter: { search: $search }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query LeadList($first: Int!, $after: String, $search: String) {\n    leads(first: $first, after: $after, filter: { search: $search }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LeadTable_lead\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;