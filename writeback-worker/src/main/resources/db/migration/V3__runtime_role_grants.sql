-- The running worker signs in as its own role (placeholder runtime_role: sspr_worker; see deploy/postgres/roles.sql),
-- not as the owner that runs these migrations. On its ledger it inserts (STARTED, APPLIED), updates (insert ... on
-- conflict do update, PUBLISHED) and deletes (the purge of finished rows past their retention); its claims are
-- advisory locks, which need no grant. It owns nothing, so it cannot grant itself more. It reads Flyway's history so
-- that it can check at start that the migrations were applied. A later table is granted in its own migration.
revoke all on request_ledger from public;
grant usage on schema ${flyway:defaultSchema} to ${runtime_role};
grant select, insert, update, delete on request_ledger to ${runtime_role};
grant select on ${flyway:table} to ${runtime_role};
