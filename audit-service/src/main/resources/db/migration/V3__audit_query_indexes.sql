-- The auditors' queries (io.sspr.audit.persistence.AuditRecordReader) read newest first by (activity_date_time, id),
-- id breaking ties so that a cursor names one position, and page with "(activity_date_time, id) < (cursor)": each
-- index below serves one filter in exactly that order, so a filtered first page, or a page deep behind a cursor,
-- reads only the rows it returns, however many millions the table holds. The timeline of a correlation id (oldest
-- first) scans its index backwards. A query with several filters takes the most selective index and checks the rest.
-- Built in the migration's transaction, without CONCURRENTLY (which Flyway's lock would keep waiting): the insert of
-- a record waits while they are built, which Kafka absorbs.
create index audit_record_time_page_idx on audit_record (activity_date_time desc, id desc);
create index audit_record_category_page_idx on audit_record (category, activity_date_time desc, id desc);
create index audit_record_activity_page_idx on audit_record (activity_display_name, activity_date_time desc, id desc);
create index audit_record_result_page_idx on audit_record (result, activity_date_time desc, id desc);
create index audit_record_correlation_page_idx on audit_record (correlation_id, activity_date_time desc, id desc);
-- user names are matched without regard to case, as the directory does
create index audit_record_target_page_idx on audit_record (lower(target_upn), activity_date_time desc, id desc);
create index audit_record_initiator_page_idx on audit_record (lower(initiated_by_upn), activity_date_time desc, id desc);

-- V1's indexes are prefixes of these, or ordered by recorded_at, which no query sorts by any more: each costs every
-- insert and serves nothing.
drop index audit_record_correlation_id_idx;
drop index audit_record_activity_date_time_idx;
drop index audit_record_category_time_idx;
