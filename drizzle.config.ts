import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: [
    "./shared/db/schema.ts",
    "./shared/db/desk-schema.ts",
    "./shared/db/evaluation-schema.ts",
    "./shared/db/ops-schema.ts",
    "./shared/db/interview-schema.ts",
  ],
  out: "./migrations",
});
