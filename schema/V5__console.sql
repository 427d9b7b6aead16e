-- The agent console: canned responses, and the visitor's time zone for the visitor panel.
-- Same shared subset of MySQL, MariaDB and H2 as V1: no JSON functions, one change per ALTER.

-- Prepared answers an agent inserts by typing /shortcut in the composer. Account-wide ones are
-- edited by admins and offered to every agent of the account; personal ones by their owner only.
CREATE TABLE canned_responses (
    id              VARCHAR(26)  NOT NULL,
    account_id      VARCHAR(26)  NOT NULL,
    -- The agent whose personal response this is; NULL for the account's shared ones.
    owner_agent_id  VARCHAR(26)  NULL,
    -- owner_agent_id, or '*' for the account's: NULLs never collide in a unique key, so the key
    -- below needs a value of its own to keep shortcuts unique per scope.
    scope_key       VARCHAR(26)  NOT NULL,
    -- What follows the slash, lower-case: [a-z0-9_-], 1 to 32 characters.
    shortcut        VARCHAR(32)  NOT NULL,
    title           VARCHAR(200) NOT NULL,
    body            TEXT         NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_canned_responses_shortcut UNIQUE (account_id, scope_key, shortcut),
    CONSTRAINT fk_canned_responses_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_canned_responses_owner FOREIGN KEY (owner_agent_id) REFERENCES agents (id)
);

-- The visitor's IANA time zone (such as Europe/Oslo), as their browser reports it, so agents see
-- the visitor's local time.
ALTER TABLE visitors ADD COLUMN time_zone VARCHAR(64) NULL;
