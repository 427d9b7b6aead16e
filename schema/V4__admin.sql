-- Admin: agent invitations, the first assignment time reports need, transcripts sent by email,
-- webhooks with their delivery outbox, and leases that let one node at a time run a scheduled job.
-- Same shared subset of MySQL, MariaDB and H2 as V1: JSON in TEXT, one change per ALTER.

-- An invitation lets a new agent choose their password once, through a link sent by email. Only the
-- SHA-256 of its token is kept; a used or expired one is refused.
CREATE TABLE agent_invitations (
    token_hash  CHAR(64)    NOT NULL,
    agent_id    VARCHAR(26) NOT NULL,
    account_id  VARCHAR(26) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    used_at     DATETIME(6) NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_agent_invitations_agent FOREIGN KEY (agent_id) REFERENCES agents (id)
);
CREATE INDEX ix_agent_invitations_agent ON agent_invitations (agent_id);

-- When the conversation first got an agent; assigned_at moves with every transfer, this does not,
-- so reports can measure the wait in the queue.
ALTER TABLE conversations ADD COLUMN first_assigned_at DATETIME(6) NULL;

-- Retention walks an account's closed conversations by when they closed.
CREATE INDEX ix_conversations_account_closed ON conversations (account_id, status, closed_at);

-- Transcripts sent by email, for the per-conversation and per-requester limits. The address is not
-- kept: the mail server's log has it, and this table would only be one more copy of personal data.
CREATE TABLE transcript_emails (
    id               VARCHAR(26) NOT NULL,
    account_id       VARCHAR(26) NOT NULL,
    conversation_id  VARCHAR(26) NOT NULL,
    -- VISITOR or AGENT.
    requested_by     VARCHAR(8)  NOT NULL,
    requester_id     VARCHAR(26) NOT NULL,
    created_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_transcript_emails_requester ON transcript_emails (requester_id, created_at);
CREATE INDEX ix_transcript_emails_conversation ON transcript_emails (conversation_id, created_at);

-- An account's webhook endpoints. The secret signs every delivery (HMAC-SHA256); it is shown to the
-- admin once, when the webhook is created or its secret rotated.
CREATE TABLE webhooks (
    id           VARCHAR(26)   NOT NULL,
    account_id   VARCHAR(26)   NOT NULL,
    url          VARCHAR(2000) NOT NULL,
    secret       VARCHAR(128)  NOT NULL,
    -- Space-separated event names, such as "conversation.created message.created".
    events       VARCHAR(200)  NOT NULL,
    active       BOOLEAN       NOT NULL,
    description  VARCHAR(200)  NULL,
    created_at   DATETIME(6)   NOT NULL,
    updated_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_webhooks_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_webhooks_account ON webhooks (account_id);

-- The outbox: one row per event and webhook, written when the event happens and kept until it is
-- delivered or given up, so deliveries survive restarts. Nodes claim due rows with a conditional
-- update (claimed_by, claimed_until), so each attempt is made by one node; a node that dies holding
-- a claim loses it when claimed_until passes.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(26)  NOT NULL,
    webhook_id       VARCHAR(26)  NOT NULL,
    account_id       VARCHAR(26)  NOT NULL,
    event_type       VARCHAR(32)  NOT NULL,
    conversation_id  VARCHAR(26)  NULL,
    -- The JSON body, exactly as sent (and signed) on every attempt.
    payload          TEXT         NOT NULL,
    -- PENDING, DELIVERED or FAILED (attempts exhausted).
    status           VARCHAR(16)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(6)  NOT NULL,
    claimed_by       VARCHAR(64)  NULL,
    claimed_until    DATETIME(6)  NULL,
    -- The HTTP status of the last attempt, when there was a response.
    last_status      INT          NULL,
    last_error       VARCHAR(500) NULL,
    created_at       DATETIME(6)  NOT NULL,
    delivered_at     DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_webhook_deliveries_webhook FOREIGN KEY (webhook_id) REFERENCES webhooks (id)
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX ix_webhook_deliveries_conversation ON webhook_deliveries (conversation_id);

-- A scheduled job that must not run on two nodes at once takes its row: the holder's lease is
-- extended while it runs; another node takes over only after it expired.
CREATE TABLE job_leases (
    name        VARCHAR(64) NOT NULL,
    holder      VARCHAR(64) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (name)
);
