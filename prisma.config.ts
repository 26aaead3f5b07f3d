import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline machines cannot download Prisma's schema engine; `prisma generate` does not need it.
// A real engine path, when given, wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/prisma-engine-stub.sh");
process.env.CHECKPOINT_DISABLE ??= "1";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/vigil" },
});
