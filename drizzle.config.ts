import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./shared/db/schema.ts", "./shared/db/desk-schema.ts", "./shared/db/evaluation-schema.ts"],
  out: "./migrations",
});
