-- One row per consumed event, shaped like a Microsoft Graph directoryAudit record.
-- id is the event's eventId: a redelivered event hits the primary key and is not stored twice.
-- Nothing secret is ever stored here: sealed passwords from sspr.password.requested are not mapped.
create table audit_record (
    id                    uuid        primary key,
    category              text        not null,
    correlation_id        uuid        not null,
    activity_date_time    timestamptz not null,
    activity_display_name text        not null,
    logged_by_service     text        not null,
    operation_type        text        not null,
    result                text        not null check (result in ('success', 'failure', 'timeout')),
    result_reason         text,
    initiated_by_upn      text,
    target_user_key       text,
    target_upn            text,
    -- [{"key": "...", "value": "..."}] in the order they are shown
    additional_details    jsonb       not null default '[]'::jsonb,
    -- when this service stored the row; orders records that share an activityDateTime
    recorded_at           timestamptz not null default now()
);

create index audit_record_correlation_id_idx on audit_record (correlation_id);
create index audit_record_activity_date_time_idx on audit_record (activity_date_time desc, recorded_at desc);
create index audit_record_category_time_idx on audit_record (category, activity_date_time desc);
