-- Routing: presence leases, and what the queue needs to know about each conversation.

-- One row per open console connection. An agent is live while any of their leases is unexpired;
-- nodes renew their connections' leases, and a closed connection's lease runs out after the grace
-- period, so a reload does not drop an agent and a crashed node's agents expire on their own.
CREATE TABLE presence_leases (
    connection_id  VARCHAR(64) NOT NULL,
    agent_id       VARCHAR(26) NOT NULL,
    account_id     VARCHAR(26) NOT NULL,
    node_id        VARCHAR(64) NOT NULL,
    expires_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (connection_id),
    CONSTRAINT fk_presence_leases_agent FOREIGN KEY (agent_id) REFERENCES agents (id)
);
CREATE INDEX ix_presence_leases_agent ON presence_leases (agent_id, expires_at);
CREATE INDEX ix_presence_leases_account ON presence_leases (account_id, expires_at);
CREATE INDEX ix_presence_leases_node ON presence_leases (node_id);

-- When the assigned agent last wrote to the visitor: the no-reply timeout compares it with assigned_at.
ALTER TABLE conversations ADD COLUMN last_agent_reply_at DATETIME(6) NULL;

-- Why a conversation is PENDING: timeout, no_agents, closed_hours or queue_full.
ALTER TABLE conversations ADD COLUMN pending_reason VARCHAR(16) NULL;

-- The agent who let this conversation time out without a reply; routing offers it to others first.
ALTER TABLE conversations ADD COLUMN passed_agent_id VARCHAR(26) NULL;

-- The account-wide queue, served oldest first.
CREATE INDEX ix_conversations_account_queue ON conversations (account_id, status, queued_at);
-- Sweeps for no-reply reassignment and auto-close.
CREATE INDEX ix_conversations_status_assigned ON conversations (status, assigned_at);
CREATE INDEX ix_conversations_status_activity ON conversations (status, last_activity_at);

-- One row per account, locked by every transaction that changes who holds which chat. A table of
-- its own, referenced by nothing: locking the accounts row instead would also block every insert
-- that checks a foreign key to it, such as each new conversation.
CREATE TABLE routing_locks (
    account_id  VARCHAR(26) NOT NULL,
    PRIMARY KEY (account_id)
);
