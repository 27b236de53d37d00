-- The status of each request as the user sees it. Never a password or a sealed value.
CREATE TABLE password_requests (
    request_id  UUID PRIMARY KEY,
    user_key    VARCHAR(255) NOT NULL,
    username    VARCHAR(255) NOT NULL,
    operation   VARCHAR(32)  NOT NULL,
    status      VARCHAR(32)  NOT NULL,
    code        VARCHAR(64)  NOT NULL,
    message     TEXT         NOT NULL,
    violations  TEXT         NOT NULL DEFAULT '[]',
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX password_requests_user_key_idx ON password_requests (user_key, created_at);
CREATE INDEX password_requests_open_idx ON password_requests (expires_at) WHERE status IN ('ACCEPTED', 'VALIDATED');
