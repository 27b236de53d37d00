-- The chain trigger at the speed of batched ingest (audit-service/README.md, "Benchmark"). Same encoding, same rules,
-- same rights: only how PostgreSQL runs the functions changes (measured: audit-service/README.md, "Hash chain").
--
-- 1. chain_hash and chain_details lose their "set search_path": a SQL function with a SET clause is never inlined,
--    and each call saves and restores the setting, which made the hash cost about 60 µs a record instead of about
--    10 µs. They name the schema's functions with the schema instead, so they give the same bytes whatever the
--    caller's search_path (the trigger, which keeps its own SET, and a superuser's checks alike). CREATE OR REPLACE
--    keeps their owner and their rights (the runtime role still may not call them).
-- 2. The trigger finds the chain head and an already stored id by their keys, and may not scan either table whole.
--    The head is one row, but every insert writes a new version of it, and a transaction of many inserts (a batch
--    from Kafka, a seed) leaves thousands of versions and pages behind until vacuum; "select ... for update" without
--    a key read every page each time. PL/pgSQL keeps the plan it made for "exists (... where id = ...)" while the
--    table was empty, a sequential scan, which over a growing table costs a full scan per record; enable_seqscan off
--    inside the trigger makes both lookups index lookups whatever the statistics said when they were planned.

create or replace function chain_details(details jsonb) returns bytea
    language sql stable parallel safe
as $$
    select int4send(count(*)::int)
           || coalesce(string_agg(${flyway:defaultSchema}.chain_text(entry ->> 'key')
                                  || ${flyway:defaultSchema}.chain_text(entry ->> 'value'), ''::bytea
                                  order by ordinal), ''::bytea)
      from jsonb_array_elements(details) with ordinality as d (entry, ordinal)
$$;

create or replace function chain_hash(n bigint, previous bytea, r audit_record) returns bytea
    language sql stable parallel safe
as $$
    select sha256(${flyway:defaultSchema}.chain_text('sspr-audit-chain-v1') || int8send(n)
        || ${flyway:defaultSchema}.chain_bytes(previous)
        || ${flyway:defaultSchema}.chain_text(r.id::text) || ${flyway:defaultSchema}.chain_text(r.category)
        || ${flyway:defaultSchema}.chain_text(r.correlation_id::text)
        || ${flyway:defaultSchema}.chain_micros(r.activity_date_time)
        || ${flyway:defaultSchema}.chain_text(r.activity_display_name)
        || ${flyway:defaultSchema}.chain_text(r.logged_by_service)
        || ${flyway:defaultSchema}.chain_text(r.operation_type) || ${flyway:defaultSchema}.chain_text(r.result)
        || ${flyway:defaultSchema}.chain_text(r.result_reason) || ${flyway:defaultSchema}.chain_text(r.initiated_by_upn)
        || ${flyway:defaultSchema}.chain_text(r.target_user_key) || ${flyway:defaultSchema}.chain_text(r.target_upn)
        || ${flyway:defaultSchema}.chain_details(r.additional_details)
        || ${flyway:defaultSchema}.chain_micros(r.recorded_at))
$$;

create or replace function chain_record() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp set enable_seqscan = off
as $$
declare
    head audit_chain_head;
begin
    select * into strict head from audit_chain_head where singleton for update;
    if exists (select 1 from audit_record where id = new.id) then
        return null;
    end if;
    new.sequence := head.sequence + 1;
    new.previous_hash := head.hash;
    new.recorded_at := greatest(clock_timestamp(), head.recorded_at);
    new.hash := chain_hash(new.sequence, new.previous_hash, new);
    update audit_chain_head set sequence = new.sequence, hash = new.hash, recorded_at = new.recorded_at
     where singleton;
    return new;
end $$;
