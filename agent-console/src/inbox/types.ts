/** A conversation as the console receives it (docs/protocol.md, "Conversations"). */
export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  teamId?: string;
  status: 'queued' | 'assigned' | 'pending' | 'closed';
  assignedAgentId?: string;
  queuedAt?: string;
  createdAt: string;
  assignedAt?: string;
  closedAt?: string;
  lastActivityAt: string;
  lastSeq: number;
  visitorReadSeq: number;
  agentReadSeq: number;
  prechat?: Record<string, string>;
  rating?: number;
}

export interface Author {
  kind: 'visitor' | 'agent' | 'system';
  id?: string;
  name?: string;
}

export interface Message {
  conversationId: string;
  seq: number;
  clientMsgId: string;
  author: Author;
  kind: 'text' | 'note' | 'event';
  body: string;
  meta?: Record<string, string>;
  createdAt: string;
}

export interface VisitorSummary {
  id: string;
  name?: string;
  email?: string;
  verified: boolean;
}

export interface Colleague {
  agentId: string;
  displayName: string;
  role: 'agent' | 'supervisor' | 'admin';
  status: 'online' | 'away' | 'offline';
  live: boolean;
  openChats: number;
  capacity: number;
}

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
}

export type View = 'mine' | 'queue' | 'all' | 'closed';

/**
 * What a visitor or colleague is typing in one conversation; `at` is when it was last heard, `seq`
 * the newest message its author had then (a message up to it does not end the typing).
 */
export interface Typing {
  author: Author;
  draft?: string;
  internal: boolean;
  at: number;
  seq: number;
}
