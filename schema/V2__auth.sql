-- Agents' sign-in: the installation's token-signing key, sessions with rotating refresh tokens,
-- and failed sign-in attempts for the login rate limit. Same shared subset of MySQL, MariaDB and
-- H2 as V1: no JSON functions, no generated columns, one change per ALTER.

-- The key every node signs agents' access tokens with. It is created by whichever node starts
-- first; the primary key on the generation makes a second node starting at the same moment lose
-- the insert and read the winner's key. Later generations are for key rotation.
CREATE TABLE signing_keys (
    generation  INT          NOT NULL,
    -- The JWT header's kid.
    kid         VARCHAR(26)  NOT NULL,
    -- The key pair as a JWK (JSON), private part included: anyone who can read this row can mint
    -- agents' tokens, so database backups are as secret as the database itself.
    jwk         TEXT         NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (generation),
    CONSTRAINT uk_signing_keys_kid UNIQUE (kid)
);

-- One row per sign-in: every access and refresh token of a sign-in carries its id, so revoking the
-- row ends all of them. Tokens from an OIDC provider get a row only when they are signed out, with
-- an id of 'oidc:' and the SHA-256 of the token, hence the longer id column.
CREATE TABLE agent_sessions (
    id          VARCHAR(80)  NOT NULL,
    account_id  VARCHAR(26)  NOT NULL,
    agent_id    VARCHAR(26)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    -- Moves forward with every refresh; after it the session can no longer be refreshed.
    expires_at  DATETIME(6)  NOT NULL,
    revoked_at  DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_agent_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_agent_sessions_agent FOREIGN KEY (agent_id) REFERENCES agents (id)
);
CREATE INDEX ix_agent_sessions_agent ON agent_sessions (agent_id);
CREATE INDEX ix_agent_sessions_expires ON agent_sessions (expires_at);

-- Refresh tokens are kept as SHA-256 only. A used token stays (used_at set) until it expires, so
-- that presenting it again is recognised as theft and ends the session.
CREATE TABLE refresh_tokens (
    token_hash  CHAR(64)     NOT NULL,
    session_id  VARCHAR(80)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    expires_at  DATETIME(6)  NOT NULL,
    used_at     DATETIME(6)  NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES agent_sessions (id)
);
CREATE INDEX ix_refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

-- Sign-in attempts that failed or are in flight, per email and per client address, so the limit
-- holds across nodes. The key is a SHA-256 digest: what someone typed into the email field is
-- never stored in the clear. Rows older than the limit's window are swept away.
CREATE TABLE login_attempts (
    id            VARCHAR(26)  NOT NULL,
    subject_key   CHAR(64)     NOT NULL,
    attempted_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_login_attempts_subject ON login_attempts (subject_key, attempted_at);
CREATE INDEX ix_login_attempts_time ON login_attempts (attempted_at);
