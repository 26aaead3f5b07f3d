#!/bin/sh
# Stands in for Prisma's schema engine, which cannot be downloaded on offline machines.
# `prisma generate` never runs it; anything that does (migrate, db) must fail loudly, not succeed empty.
echo "prisma schema engine is not available offline: migrations are applied by lib/db/migrate.ts" >&2
exit 1
