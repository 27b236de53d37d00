-- Tamper evidence and retention (audit-service/README.md, "Hash chain").
--
-- Every record carries its place in one chain: a gap-free sequence number, the hash of the record before it and its
-- own hash, SHA-256 over the canonical encoding (chain_hash). The database assigns all three in a trigger, so no
-- writer (the service, or an older version of it) can leave a record out of the chain or choose its place: the
-- trigger runs as this schema's owner, takes the chain head's row lock, and commits the head with the record, so the
-- chain order is the sequence order and two consumers never share a number. The audit service checks the chain in Java
-- (io.sspr.audit.chain.ChainHash), independently of these functions, and signs the head now and then
-- (audit_checkpoint) with its own key.
--
-- chain_hash below is the canonical encoding, version 1, as audit-service/README.md ("Canonical encoding") specifies
-- it; io.sspr.audit.chain.ChainHash is its checking side. A change is a new version, in both.

alter table audit_record
    add column sequence      bigint,
    add column previous_hash bytea,
    add column hash          bytea;

-- The one row that says where the chain ends. recorded_at never goes back, so a record's recorded_at is at least its
-- predecessor's (retention cuts by it).
create table audit_chain_head (
    singleton   boolean     primary key default true check (singleton),
    sequence    bigint      not null,
    hash        bytea       not null check (octet_length(hash) = 32),
    recorded_at timestamptz not null
);

-- Signed checkpoints of the chain head: the audit service signs (sequence, hash, created_at) with its own signing key
-- (io.sspr.audit.chain.Checkpoint). Never updated or deleted.
create table audit_checkpoint (
    sequence   bigint      primary key,
    hash       bytea       not null check (octet_length(hash) = 32),
    created_at timestamptz not null,
    -- base64 of the Tink signature (the key id travels in it, so the key can roll)
    signature  text        not null
);

-- Those that call the others fix their search_path, so they work whatever the caller's (a superuser's checks too).
create function chain_text(value text) returns bytea
    language sql stable parallel safe
as $$
    select case when value is null then int4send(-1)
                else int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') end
$$;

create function chain_bytes(value bytea) returns bytea
    language sql immutable parallel safe
as $$
    select case when value is null then int4send(-1) else int4send(octet_length(value)) || value end
$$;

create function chain_micros(t timestamptz) returns bytea
    language sql stable parallel safe
as $$
    select int8send((extract(epoch from t) * 1000000)::bigint)
$$;

create function chain_details(details jsonb) returns bytea
    language sql stable parallel safe set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select int4send(count(*)::int)
           || coalesce(string_agg(chain_text(entry ->> 'key') || chain_text(entry ->> 'value'), ''::bytea
                                  order by ordinal), ''::bytea)
      from jsonb_array_elements(details) with ordinality as d (entry, ordinal)
$$;

create function chain_hash(n bigint, previous bytea, r audit_record) returns bytea
    language sql stable parallel safe set search_path = ${flyway:defaultSchema}, pg_temp
as $$
    select sha256(chain_text('sspr-audit-chain-v1') || int8send(n) || chain_bytes(previous)
        || chain_text(r.id::text) || chain_text(r.category) || chain_text(r.correlation_id::text)
        || chain_micros(r.activity_date_time) || chain_text(r.activity_display_name) || chain_text(r.logged_by_service)
        || chain_text(r.operation_type) || chain_text(r.result) || chain_text(r.result_reason)
        || chain_text(r.initiated_by_upn) || chain_text(r.target_user_key) || chain_text(r.target_upn)
        || chain_details(r.additional_details) || chain_micros(r.recorded_at))
$$;

-- The records stored before this migration join the chain in the order they were stored.
insert into audit_chain_head (sequence, hash, recorded_at) values (0, decode(repeat('00', 32), 'hex'), '-infinity');
do $$
declare
    r            audit_record;
    next         bigint := 0;
    previous     bytea := decode(repeat('00', 32), 'hex');
    last_stored  timestamptz := '-infinity';
begin
    for r in select * from audit_record order by recorded_at, activity_date_time, id loop
        next := next + 1;
        update audit_record
           set sequence = next, previous_hash = previous, hash = chain_hash(next, previous, r)
         where id = r.id
        returning hash into previous;
        last_stored := greatest(last_stored, r.recorded_at);
    end loop;
    update audit_chain_head set sequence = next, hash = previous, recorded_at = last_stored;
end $$;

alter table audit_record
    alter column sequence set not null,
    alter column previous_hash set not null,
    alter column hash set not null,
    add constraint audit_record_sequence_key unique (sequence),
    add constraint audit_record_hash_length check (octet_length(hash) = 32 and octet_length(previous_hash) = 32);

-- Runs as the owner for every insert, whoever inserts. A redelivered event (its id already stored) is skipped here,
-- before it takes a number: "on conflict (id) do nothing" alone would drop it only after this trigger had moved the
-- head. The head's row lock makes the check and the numbering one step for concurrent inserts (read committed: the
-- check sees what the previous holder of the lock committed).
create function chain_record() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    head audit_chain_head;
begin
    select * into strict head from audit_chain_head for update;
    if exists (select 1 from audit_record where id = new.id) then
        return null;
    end if;
    new.sequence := head.sequence + 1;
    new.previous_hash := head.hash;
    new.recorded_at := greatest(clock_timestamp(), head.recorded_at);
    new.hash := chain_hash(new.sequence, new.previous_hash, new);
    update audit_chain_head set sequence = new.sequence, hash = new.hash, recorded_at = new.recorded_at;
    return new;
end $$;

create trigger audit_record_chain before insert on audit_record for each row execute function chain_record();

-- A checkpoint must name a record of the chain as it is stored: the service cannot sign a chain that is not there.
create function chain_checkpoint_matches() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp
as $$
begin
    if not exists (select 1 from audit_record where sequence = new.sequence and hash = new.hash) then
        raise exception 'checkpoint % does not match the chain', new.sequence using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger audit_checkpoint_matches before insert on audit_checkpoint
    for each row execute function chain_checkpoint_matches();

-- Retention: the one way records leave, and the runtime role's only right beyond INSERT and SELECT. It removes the
-- chain's oldest records up to and including the newest checkpoint whose record is older than the cut, so what
-- remains starts right after a signed checkpoint and verifies from its hash. It never removes a record of the last
-- 30 days, whatever cut it is given, nor a record no checkpoint covers, nor one out of the middle of the chain.
create function purge_records(cut timestamptz, out purged bigint, out through_sequence bigint)
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp
as $$
declare
    effective_cut timestamptz := least(cut, now() - interval '30 days');
begin
    purged := 0;
    select c.sequence into through_sequence
      from audit_checkpoint c
      join audit_record r on r.sequence = c.sequence and r.hash = c.hash
     where r.recorded_at < effective_cut
     order by c.sequence desc
     limit 1;
    if through_sequence is not null then
        delete from audit_record where sequence <= through_sequence and recorded_at < effective_cut;
        get diagnostics purged = row_count;
    end if;
end $$;

revoke all on audit_chain_head, audit_checkpoint from public;
revoke all on function chain_text(text), chain_bytes(bytea), chain_micros(timestamptz), chain_details(jsonb),
    chain_hash(bigint, bytea, audit_record), chain_record(), chain_checkpoint_matches(), purge_records(timestamptz)
    from public;
-- The service reads the head and the checkpoints, adds checkpoints, and purges through the function above; the
-- chain's columns and head it cannot write (the trigger does, as the owner).
grant select on audit_chain_head to ${runtime_role};
grant select, insert on audit_checkpoint to ${runtime_role};
grant execute on function purge_records(timestamptz) to ${runtime_role};
