-- Self-service flows: what the portal must remember between the steps of a reset, an unlock or an authenticator
-- registration, shared by every portal instance. No code, password or authenticator secret is stored in clear: codes
-- as their HMAC (the portal's code-mac keyset), authenticator secrets encrypted (its secret-storage keyset).

-- Directory users as the worker publishes them on sspr.directory.users (compacted): who exists, their mail address and
-- whether self-service may touch them. The newest uSNChanged wins.
CREATE TABLE directory_users (
    object_guid       VARCHAR(64)  PRIMARY KEY,
    account_name      VARCHAR(255) NOT NULL,
    user_principal_name VARCHAR(512),
    mail              VARCHAR(512),
    display_name      VARCHAR(512),
    enabled           BOOLEAN      NOT NULL,
    locked            BOOLEAN      NOT NULL,
    protected_account BOOLEAN      NOT NULL,
    in_scope          BOOLEAN      NOT NULL,
    usn_changed       BIGINT       NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX directory_users_account_name_idx ON directory_users (lower(account_name));
CREATE INDEX directory_users_upn_idx ON directory_users (lower(user_principal_name));

-- One reset or unlock: started for any user name (known or not, so that answers do not differ), verified step by step,
-- completed once. account_key is the directory objectGUID of a known user, else the lower-cased name typed.
CREATE TABLE verification_flows (
    flow_id           UUID         PRIMARY KEY,
    kind              VARCHAR(16)  NOT NULL,
    account_key       VARCHAR(255) NOT NULL,
    username          VARCHAR(255) NOT NULL,
    known_user        BOOLEAN      NOT NULL,
    methods_required  INT          NOT NULL,
    code_mac          BYTEA        NOT NULL,
    code_tries        INT          NOT NULL DEFAULT 0,
    email_verified_at TIMESTAMP WITH TIME ZONE,
    app_verified_at   TIMESTAMP WITH TIME ZONE,
    request_id        UUID,
    superseded        BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    code_expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX verification_flows_account_idx ON verification_flows (account_key, created_at);

-- An authenticator-app registration: the current password goes through the pipeline (request_id), then a mailed code,
-- then the app's first code.
CREATE TABLE authenticator_registrations (
    registration_id   UUID         PRIMARY KEY,
    account_key       VARCHAR(255) NOT NULL,
    username          VARCHAR(255) NOT NULL,
    state             VARCHAR(32)  NOT NULL,
    result_code       VARCHAR(64),
    request_id        UUID         NOT NULL UNIQUE,
    code_mac          BYTEA,
    code_tries        INT          NOT NULL DEFAULT 0,
    code_expires_at   TIMESTAMP WITH TIME ZONE,
    secret_ciphertext BYTEA,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The confirmed authenticator of an account; last_step makes each code usable once.
CREATE TABLE authenticators (
    account_key       VARCHAR(255) PRIMARY KEY,
    secret_ciphertext BYTEA        NOT NULL,
    last_step         BIGINT       NOT NULL,
    registered_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Abuse limits: failed verifications and wrong current passwords per account, blocks, requests per client address.
CREATE TABLE self_service_failures (
    id                BIGSERIAL    PRIMARY KEY,
    account_key       VARCHAR(255) NOT NULL,
    failed_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX self_service_failures_account_idx ON self_service_failures (account_key, failed_at);

CREATE TABLE self_service_blocks (
    account_key       VARCHAR(255) PRIMARY KEY,
    blocked_until     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE client_request_counts (
    client_address    VARCHAR(64)  NOT NULL,
    window_start      TIMESTAMP WITH TIME ZONE NOT NULL,
    requests          INT          NOT NULL,
    PRIMARY KEY (client_address, window_start)
);

revoke all on directory_users, verification_flows, authenticator_registrations, authenticators, self_service_failures,
    self_service_blocks, client_request_counts from public;
grant select, insert, update on directory_users, authenticators to ${runtime_role};
-- flows, failures, blocks and counters age out: the janitor deletes what is past its time
grant select, insert, update, delete on verification_flows, authenticator_registrations, self_service_failures,
    self_service_blocks, client_request_counts to ${runtime_role};
grant usage on sequence self_service_failures_id_seq to ${runtime_role};
