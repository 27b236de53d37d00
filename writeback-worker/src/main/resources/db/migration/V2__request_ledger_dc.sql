-- The DC (host:port of the write connection) that a STARTED write went to, stored before the write: a recovery asks
-- that DC whether the write happened, since another DC may not have replicated it yet. Null in rows from before V2.
alter table request_ledger add column dc varchar(300);
