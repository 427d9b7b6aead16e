-- Parley's first schema. It runs unchanged on MySQL 8, MariaDB 10.11 and H2 2.x (MODE=MySQL),
-- so it keeps to their shared subset: no JSON functions (JSON lives in TEXT), no FULLTEXT,
-- no generated columns, no triggers, one change per ALTER.
--
-- Ids are 26-character, time-ordered ULIDs made by the application (dev.parley.shared.Ids);
-- messages have none of their own: (conversation_id, seq) is their key.
-- Every timestamp is UTC, stored as DATETIME(6) so that no server time zone can shift it.

CREATE TABLE accounts (
    id                VARCHAR(26)  NOT NULL,
    name              VARCHAR(200) NOT NULL,
    -- Closed conversations older than this many days are deleted; NULL keeps them forever.
    retention_days    INT          NULL,
    created_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE sites (
    id                 VARCHAR(26)   NOT NULL,
    account_id         VARCHAR(26)   NOT NULL,
    -- Public: it is in every customer's script tag.
    site_key           VARCHAR(64)   NOT NULL,
    name               VARCHAR(200)  NOT NULL,
    -- JSON array of exact origins, e.g. ["https://shop.example"].
    allowed_origins    TEXT          NOT NULL,
    -- JSON object: colours, position, launcher text, logo.
    appearance         TEXT          NOT NULL,
    greeting           VARCHAR(1000) NULL,
    -- JSON array of pre-chat form fields.
    prechat_fields     TEXT          NOT NULL,
    -- Secret for HMAC identity verification; never sent to a browser.
    identity_secret    VARCHAR(128)  NOT NULL,
    identity_required  BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at         DATETIME(6)   NOT NULL,
    updated_at         DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_sites_key UNIQUE (site_key),
    CONSTRAINT fk_sites_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_sites_account ON sites (account_id);

CREATE TABLE agents (
    id                 VARCHAR(26)  NOT NULL,
    account_id         VARCHAR(26)  NOT NULL,
    -- Stored lower-case; login looks agents up by it.
    email              VARCHAR(320) NOT NULL,
    display_name       VARCHAR(200) NOT NULL,
    -- NULL for agents who sign in only through an OIDC provider.
    password_hash      VARCHAR(200) NULL,
    role               VARCHAR(16)  NOT NULL,
    -- Overrides the queue's max concurrent chats for this agent; NULL uses the queue's.
    capacity_override  INT          NULL,
    avatar_url         VARCHAR(500) NULL,
    -- The status the agent chose: ONLINE, AWAY or OFFLINE. Availability also needs a live lease.
    status             VARCHAR(16)  NOT NULL DEFAULT 'OFFLINE',
    last_assigned_at   DATETIME(6)  NULL,
    deactivated_at     DATETIME(6)  NULL,
    created_at         DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_agents_email UNIQUE (email),
    CONSTRAINT fk_agents_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_agents_account ON agents (account_id, status);

CREATE TABLE teams (
    id          VARCHAR(26)  NOT NULL,
    account_id  VARCHAR(26)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_teams_name UNIQUE (account_id, name),
    CONSTRAINT fk_teams_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE TABLE team_members (
    team_id   VARCHAR(26) NOT NULL,
    agent_id  VARCHAR(26) NOT NULL,
    PRIMARY KEY (team_id, agent_id),
    CONSTRAINT fk_team_members_team FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT fk_team_members_agent FOREIGN KEY (agent_id) REFERENCES agents (id)
);
CREATE INDEX ix_team_members_agent ON team_members (agent_id);

CREATE TABLE queue_settings (
    site_id                   VARCHAR(26) NOT NULL,
    -- ROUND_ROBIN, LEAST_BUSY or MANUAL.
    routing_policy            VARCHAR(16) NOT NULL,
    -- Only members of this team are offered the site's chats; NULL offers them to every agent.
    team_id                   VARCHAR(26) NULL,
    max_chats_per_agent       INT         NOT NULL,
    -- After this the visitor is offered the offline form; the conversation is kept.
    queue_timeout_seconds     INT         NOT NULL,
    -- NULL disables no-reply reassignment.
    no_reply_timeout_seconds  INT         NULL,
    -- NULL disables auto-close.
    auto_close_minutes        INT         NULL,
    -- NULL means unbounded.
    max_queue_length          INT         NULL,
    -- JSON object: IANA zone, weekly slots and dated exceptions; NULL means always open.
    business_hours            TEXT        NULL,
    updated_at                DATETIME(6) NOT NULL,
    PRIMARY KEY (site_id),
    CONSTRAINT fk_queue_settings_site FOREIGN KEY (site_id) REFERENCES sites (id),
    CONSTRAINT fk_queue_settings_team FOREIGN KEY (team_id) REFERENCES teams (id)
);

CREATE TABLE visitors (
    id             VARCHAR(26)  NOT NULL,
    -- The site's account, repeated here so every query can be scoped to the tenant directly.
    account_id     VARCHAR(26)  NOT NULL,
    site_id        VARCHAR(26)  NOT NULL,
    name           VARCHAR(200) NULL,
    email          VARCHAR(320) NULL,
    -- The customer's own user id, set by a verified or unverified identify call.
    external_id    VARCHAR(200) NULL,
    verified       BOOLEAN      NOT NULL DEFAULT FALSE,
    -- JSON object of custom attributes.
    attributes     TEXT         NULL,
    user_agent     VARCHAR(500) NULL,
    locale         VARCHAR(35)  NULL,
    ip_address     VARCHAR(45)  NULL,
    current_url    VARCHAR(2000) NULL,
    referrer       VARCHAR(2000) NULL,
    banned_at      DATETIME(6)  NULL,
    first_seen_at  DATETIME(6)  NOT NULL,
    last_seen_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_visitors_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_visitors_site FOREIGN KEY (site_id) REFERENCES sites (id)
);
CREATE INDEX ix_visitors_site_external ON visitors (site_id, external_id);
CREATE INDEX ix_visitors_site_seen ON visitors (site_id, last_seen_at);

-- A visitor holds one token per browser; only the SHA-256 of each is kept.
CREATE TABLE visitor_tokens (
    token_hash    CHAR(64)    NOT NULL,
    visitor_id    VARCHAR(26) NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    last_used_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_visitor_tokens_visitor FOREIGN KEY (visitor_id) REFERENCES visitors (id)
);
CREATE INDEX ix_visitor_tokens_visitor ON visitor_tokens (visitor_id);

CREATE TABLE page_views (
    id          VARCHAR(26)   NOT NULL,
    visitor_id  VARCHAR(26)   NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    title       VARCHAR(500)  NULL,
    referrer    VARCHAR(2000) NULL,
    viewed_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_page_views_visitor FOREIGN KEY (visitor_id) REFERENCES visitors (id)
);
CREATE INDEX ix_page_views_visitor ON page_views (visitor_id, viewed_at);

CREATE TABLE conversations (
    id                 VARCHAR(26)  NOT NULL,
    account_id         VARCHAR(26)  NOT NULL,
    site_id            VARCHAR(26)  NOT NULL,
    visitor_id         VARCHAR(26)  NOT NULL,
    -- Equals visitor_id while the conversation is open and is NULL once closed, so the unique key
    -- below allows one open conversation per visitor (a visitor belongs to one site).
    open_visitor_id    VARCHAR(26)  NULL,
    team_id            VARCHAR(26)  NULL,
    -- QUEUED, ASSIGNED, PENDING (kept for follow-up after the queue timed out) or CLOSED.
    status             VARCHAR(16)  NOT NULL,
    assigned_agent_id  VARCHAR(26)  NULL,
    -- The place in the queue: set when first queued and kept when re-queued, so a reassigned
    -- conversation goes back to where it stood.
    queued_at          DATETIME(6)  NULL,
    created_at         DATETIME(6)  NOT NULL,
    assigned_at        DATETIME(6)  NULL,
    first_response_at  DATETIME(6)  NULL,
    closed_at          DATETIME(6)  NULL,
    last_activity_at   DATETIME(6)  NOT NULL,
    -- The highest seq given to a message; raised in the same transaction as the insert.
    last_seq           BIGINT       NOT NULL DEFAULT 0,
    visitor_read_seq   BIGINT       NOT NULL DEFAULT 0,
    agent_read_seq     BIGINT       NOT NULL DEFAULT 0,
    -- JSON object of the pre-chat form's answers.
    prechat            TEXT         NULL,
    rating             INT          NULL,
    rating_comment     VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_conversations_open UNIQUE (open_visitor_id),
    CONSTRAINT fk_conversations_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_conversations_site FOREIGN KEY (site_id) REFERENCES sites (id),
    CONSTRAINT fk_conversations_visitor FOREIGN KEY (visitor_id) REFERENCES visitors (id),
    CONSTRAINT fk_conversations_team FOREIGN KEY (team_id) REFERENCES teams (id),
    CONSTRAINT fk_conversations_agent FOREIGN KEY (assigned_agent_id) REFERENCES agents (id)
);
-- The queue: oldest waiting first, per site.
CREATE INDEX ix_conversations_queue ON conversations (site_id, status, queued_at);
-- An agent's inbox.
CREATE INDEX ix_conversations_agent ON conversations (assigned_agent_id, status, last_activity_at);
-- Account-wide views, reports and retention.
CREATE INDEX ix_conversations_account ON conversations (account_id, status, last_activity_at);
CREATE INDEX ix_conversations_account_created ON conversations (account_id, created_at);
-- A visitor's history.
CREATE INDEX ix_conversations_visitor ON conversations (visitor_id, created_at);

CREATE TABLE messages (
    conversation_id  VARCHAR(26)  NOT NULL,
    -- 1, 2, 3... per conversation, with no gaps and no repeats.
    seq              BIGINT       NOT NULL,
    -- Chosen by the sender; a retry with the same id returns the original message.
    client_msg_id    VARCHAR(64)  NOT NULL,
    -- VISITOR, AGENT or SYSTEM.
    author_kind      VARCHAR(8)   NOT NULL,
    author_id        VARCHAR(26)  NULL,
    -- The author's display name when the message was written, so transcripts need no joins and
    -- keep the name an agent had at the time.
    author_name      VARCHAR(200) NULL,
    -- TEXT, NOTE (never shown to the visitor) or EVENT (a system record such as an assignment).
    kind             VARCHAR(8)   NOT NULL,
    body             TEXT         NOT NULL,
    -- JSON object with an EVENT's structured details, so clients can render it in their language.
    meta             TEXT         NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    CONSTRAINT uk_messages_client_id UNIQUE (conversation_id, client_msg_id),
    CONSTRAINT fk_messages_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id)
);
-- Bulk transcript export and retention walk messages by time.
CREATE INDEX ix_messages_created ON messages (created_at);

CREATE TABLE visitor_bans (
    id          VARCHAR(26)  NOT NULL,
    account_id  VARCHAR(26)  NOT NULL,
    visitor_id  VARCHAR(26)  NULL,
    ip_address  VARCHAR(45)  NULL,
    reason      VARCHAR(500) NULL,
    created_by  VARCHAR(26)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    expires_at  DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_visitor_bans_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_visitor_bans_visitor ON visitor_bans (visitor_id);
CREATE INDEX ix_visitor_bans_ip ON visitor_bans (account_id, ip_address);

CREATE TABLE audit_log (
    id           VARCHAR(26)  NOT NULL,
    account_id   VARCHAR(26)  NOT NULL,
    -- The agent who acted; NULL for the system itself.
    actor_id     VARCHAR(26)  NULL,
    action       VARCHAR(64)  NOT NULL,
    target_type  VARCHAR(32)  NULL,
    target_id    VARCHAR(64)  NULL,
    -- JSON object with what changed.
    details      TEXT         NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_audit_log_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_audit_log_account ON audit_log (account_id, created_at);

-- One row per one-time action, such as the first-start bootstrap; the primary key makes the
-- action happen once even when several nodes start together on an empty database.
CREATE TABLE system_flags (
    name        VARCHAR(64) NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (name)
);
