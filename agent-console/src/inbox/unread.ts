import type { Conversation, Message } from './types';

/**
 * How many of the visitor's messages the agents have not read: those above the conversation's
 * agent read mark. Only the visitor's text counts; agents' messages, notes and events never do.
 * Without the transcript loaded, a conversation whose newest message is unread counts as one.
 */
export function unreadCount(conversation: Conversation, messages: readonly Message[] | undefined): number {
  if (conversation.status === 'closed') return 0;
  if (!messages || messages.length === 0) return conversation.lastSeq > conversation.agentReadSeq ? 1 : 0;
  let count = 0;
  for (const m of messages) {
    if (m.seq > conversation.agentReadSeq && m.author.kind === 'visitor' && m.kind === 'text') count++;
  }
  return count;
}

/** Inserts `message` into a list kept in seq order, ignoring a seq already held: replays never double. */
export function mergeMessage(list: Message[], message: Message): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]!.seq < message.seq) low = mid + 1;
    else high = mid;
  }
  if (list[low]?.seq === message.seq) return false;
  list.splice(low, 0, message);
  return true;
}
