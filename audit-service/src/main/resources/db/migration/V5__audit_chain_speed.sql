-- The chain at the speed of batched ingest (audit-service/README.md, "Benchmark"). Same encoding, same rules, same
-- rights: only how PostgreSQL runs the functions changes (measured: audit-service/README.md, "Hash chain").
--
-- 1. chain_hash and chain_details lose their "set search_path": a SQL function with a SET clause is never inlined,
--    and each call saves and restores the setting, which made the hash cost about 60 µs a record instead of about
--    10 µs. They name the schema's functions with the schema instead, so they give the same bytes whatever the
--    caller's search_path (the triggers, which keep their own SET, and a superuser's checks alike). CREATE OR REPLACE
--    keeps their owner and their rights (the runtime role still may not call them).
-- 2. The head moves once a statement instead of once a record. V4's trigger locked, read and rewrote the one-row
--    head for every record; a transaction of many inserts (a batch from Kafka, a seed) left a version of that row
--    per record, and each next record walked them all: 190 µs a record in statements of 2,000, 475 µs in one of
--    20,000. Now a statement trigger takes the head's row lock and reads it before the statement's first record,
--    the row trigger chains each record to the one before it through a setting local to the transaction (which the
--    statement trigger sets afresh, so nothing the inserting session set beforehand counts), and a statement trigger
--    writes the last link to the head after the statement: about 75 µs a record whatever the statement's size. The
--    head is exact between statements, as before; within one, only that statement's own records follow it.
-- 3. The row trigger finds an already stored id by its key: PL/pgSQL keeps the plan it made for
--    "exists (... where id = ...)" while the table was empty, a sequential scan, which over a growing table costs a
--    full scan per record; enable_seqscan off inside the trigger makes it an index lookup whatever the statistics
--    said when it was planned.

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

drop trigger audit_record_chain on audit_record;

-- The link a statement's next record chains to: "sequence hash-hex recorded_at-micros".
create function chain_open() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    head audit_chain_head;
begin
    select * into strict head from audit_chain_head where singleton for update;
    perform set_config('sspr_audit.chain_tail', head.sequence || ' ' || encode(head.hash, 'hex') || ' '
        || chain_epoch_micros(head.recorded_at), true);
    return null;
end $$;

create function chain_epoch_micros(t timestamptz) returns bigint
    language sql immutable parallel safe
as $$
    select case when t = '-infinity' then -9223372036854775808 else (extract(epoch from t) * 1000000)::bigint end
$$;

create function chain_timestamp(micros bigint) returns timestamptz
    language sql immutable parallel safe
as $$
    select case when micros = -9223372036854775808 then '-infinity'::timestamptz
                else to_timestamp(0) + micros * interval '1 microsecond' end
$$;

-- Runs as the owner for every record inserted, whoever inserts. A redelivered event (its id already stored) is
-- skipped here, before it takes a number: "on conflict (id) do nothing" alone would drop it only after it had one.
-- Records the same statement inserted before are visible here, so a repeated id within one batch is skipped too.
create or replace function chain_record() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp set enable_seqscan = off
as $$
declare
    tail text[] := string_to_array(current_setting('sspr_audit.chain_tail', true), ' ');
begin
    if tail is null or cardinality(tail) <> 3 then
        raise exception 'audit_record_chain_open did not run' using errcode = 'object_not_in_prerequisite_state';
    end if;
    if exists (select 1 from audit_record where id = new.id) then
        return null;
    end if;
    new.sequence := tail[1]::bigint + 1;
    new.previous_hash := decode(tail[2], 'hex');
    new.recorded_at := greatest(clock_timestamp(), chain_timestamp(tail[3]::bigint));
    new.hash := chain_hash(new.sequence, new.previous_hash, new);
    perform set_config('sspr_audit.chain_tail', new.sequence || ' ' || encode(new.hash, 'hex') || ' '
        || chain_epoch_micros(new.recorded_at), true);
    return new;
end $$;

create function chain_close() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    tail text[] := string_to_array(current_setting('sspr_audit.chain_tail', true), ' ');
begin
    update audit_chain_head
       set sequence = tail[1]::bigint, hash = decode(tail[2], 'hex'), recorded_at = chain_timestamp(tail[3]::bigint)
     where singleton and sequence <> tail[1]::bigint;
    perform set_config('sspr_audit.chain_tail', '', true);
    return null;
end $$;

create trigger audit_record_chain_open before insert on audit_record
    for each statement execute function chain_open();
create trigger audit_record_chain before insert on audit_record
    for each row execute function chain_record();
create trigger audit_record_chain_close after insert on audit_record
    for each statement execute function chain_close();

revoke all on function chain_open(), chain_close(), chain_epoch_micros(timestamptz), chain_timestamp(bigint)
    from public;
