/**
 * The frames of docs/protocol.md as the widget reads and writes them. Fields the widget does not
 * use are left out; the server ignores unknown fields and so does the widget.
 */

export interface ConversationView {
  id: string;
  status: 'queued' | 'assigned' | 'pending' | 'closed';
  lastSeq: number;
  visitorReadSeq: number;
  agentReadSeq: number;
}

export interface AuthorView {
  kind: 'visitor' | 'agent' | 'system';
  name?: string;
}

export interface MessageFrame {
  type: 'message';
  conversationId: string;
  seq: number;
  clientMsgId: string;
  author: AuthorView;
  kind: 'text' | 'event';
  body: string;
  meta?: Record<string, string>;
  createdAt: string;
}

/** Why nobody can answer now; the widget then offers the offline form. */
export type OfflineReason = 'timeout' | 'no_agents' | 'closed_hours' | 'queue_full';

export type ServerFrame =
  | { type: 'welcome'; visitorId: string; conversation?: ConversationView }
  | { type: 'started' | 'reopened'; conversation: ConversationView }
  | { type: 'identified'; visitor: { id: string; verified: boolean } }
  | { type: 'ack'; conversationId: string; clientMsgId: string; seq: number; createdAt: string }
  | MessageFrame
  | { type: 'typing'; conversationId: string; author: AuthorView; active: boolean; seq?: number }
  | { type: 'read'; conversationId: string; by: 'agent' | 'visitor'; upToSeq: number }
  | { type: 'closed'; conversationId: string }
  | { type: 'truncated'; conversationId: string; afterSeq: number; fromSeq: number }
  | { type: 'error'; code: string; message?: string; ref?: string; retryable?: boolean }
  | { type: 'pong' }
  | { type: 'queue'; conversationId: string; position: number; etaSeconds?: number }
  | { type: 'assigned'; conversationId: string; agent: { name?: string } }
  | { type: 'pending'; conversationId: string; reason: OfflineReason }
  | { type: 'rated'; conversationId: string; rating: number }
  | { type: 'transcriptSent'; conversationId: string };

export interface Identity {
  id: string;
  name?: string;
  email?: string;
  hash?: string;
}

export type ClientFrame =
  | { type: 'hello'; token: string; conversationId?: string; lastSeq: number }
  | ({ type: 'identify' } & Identity)
  | { type: 'start'; prechat: Record<string, string>; clientMsgId?: string; body?: string }
  | { type: 'send'; clientMsgId: string; body: string }
  | { type: 'typing'; active: boolean; draft?: string }
  | { type: 'read'; upToSeq: number }
  | { type: 'pageView'; url: string; title?: string; referrer?: string }
  | { type: 'rate'; rating: number; comment?: string }
  | { type: 'transcript'; email: string }
  | { type: 'ping' };

export interface PrechatField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'textarea';
  required: boolean;
}

export interface SiteSettings {
  name?: string;
  appearance?: { primaryColor?: string; position?: 'left' | 'right'; title?: string };
  greeting?: string;
  prechatFields?: PrechatField[];
}

/** The answer of `POST /api/v1/widget/sessions`. */
export interface SessionResponse {
  token?: string;
  visitor: { id: string };
  conversation?: ConversationView;
  site: SiteSettings;
  limits?: { maxMessageLength?: number };
  features?: { transcriptEmail?: boolean };
  availability?: { online: boolean; reason?: OfflineReason };
}

export interface HistoryPage {
  messages: MessageFrame[];
  hasMore: boolean;
}
