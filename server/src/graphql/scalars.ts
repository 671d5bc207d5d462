import { DateTimeResolver, JSONResolver } from "graphql-scalars";

/** The contract's two custom scalars. */
export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;
