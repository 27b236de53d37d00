-- One row per validated request the worker has begun to write. It is what makes the effect exactly-once under
-- Kafka's at-least-once delivery: STARTED is stored before the directory is touched, APPLIED (with the result)
-- right after, PUBLISHED once Kafka has the result. No password, sealed or not, is ever stored here.
create table request_ledger (
    correlation_id      uuid primary key,
    event_id            uuid not null,
    operation           varchar(16) not null,
    user_key            varchar(256) not null,
    user_dn             varchar(2048) not null,
    state               varchar(16) not null check (state in ('STARTED', 'APPLIED', 'PUBLISHED')),
    -- the account's pwdLastSet just before the write (null when nothing was written): if it differs later, it happened
    pwd_last_set_before bigint,
    result_json         text,
    started_at          timestamptz not null,
    updated_at          timestamptz not null
);

create index request_ledger_started_at on request_ledger (started_at);
