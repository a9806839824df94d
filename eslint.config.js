// One lint configuration for the app, the database code and the tests. Prettier owns layout
// (eslint-config-prettier turns off the rules it settles); ESLint owns correctness and the house's layers.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Imports a layer may not make: arrows point down (routes -> services -> db; everyone -> domain). */
const forbid = (...groups) => ({
  "no-restricted-imports": ["error", { patterns: groups.map(({ group, message }) => ({ group, message })) }],
});
const HTTP = { group: ["~/http/*"], message: "Request handling belongs to app/http; pass plain values down." };
const ROUTES = { group: ["~/routes/*"], message: "Nothing imports a route module." };
const SERVICES = { group: ["~/services/*"], message: "Only routes and guards call services." };
const DB = { group: ["#db/*", "!#db/schema/enums"], message: "Reach the database through app/services." };
const COMPONENTS = { group: ["~/components/*"], message: "UI stays in routes and components." };

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "public/build/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    settings: { react: { version: "18.3" } },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
    },
  },
  {
    // Command-line programs and tests talk to the terminal; the app logs through console.info/warn/error.
    files: ["app/server.ts", "db/**/*-cli.ts", "db/seed/cli.ts", "tests/**"],
    rules: { "no-console": "off" },
  },
  {
    files: ["app/domain/**"],
    rules: forbid(HTTP, ROUTES, SERVICES, DB, COMPONENTS, { group: ["~/auth/*"], message: "The domain is pure." }),
  },
  { files: ["app/auth/**"], rules: forbid(HTTP, ROUTES, SERVICES, DB, COMPONENTS) },
  { files: ["app/services/**"], rules: forbid(HTTP, ROUTES, COMPONENTS) },
  { files: ["app/components/**"], rules: forbid(HTTP, ROUTES, SERVICES, DB) },
  { files: ["app/schemas/**", "app/utils/**"], rules: forbid(HTTP, ROUTES, SERVICES, DB, COMPONENTS) },
  { files: ["app/http/**"], rules: forbid(ROUTES, COMPONENTS) },
  prettier,
);
