import type { CodegenConfig } from "@graphql-codegen/cli";

// The committed schema is the contract: codegen never needs a running server.
// Run `pnpm --filter @leadline/client codegen` after changing a document or the schema,
// and commit src/gql/ so `vite build` needs no codegen step.
const config: CodegenConfig = {
  schema: "../docs/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: { unmaskFunctionName: "useFragment" } },
      config: {
        scalars: { DateTime: "string", JSON: "unknown" },
        defaultScalarType: "unknown",
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};

export default config;
