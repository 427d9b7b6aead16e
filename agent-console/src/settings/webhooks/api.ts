import { seg, type AdminClient, type Page } from '../admin/client';

export const EVENTS = ['conversation.created', 'conversation.assigned', 'conversation.closed', 'message.created'] as const;

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  description?: string | null;
  createdAt: string;
  updatedAt?: string | null;
}

/** The answer of creating a webhook or rotating its secret: the only time the secret is shown. */
export interface WebhookWithSecret extends Webhook {
  secret: string;
}

export interface Delivery {
  id: string;
  eventType: string;
  conversationId?: string | null;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  lastStatus?: number | null;
  lastError?: string | null;
  createdAt: string;
  nextAttemptAt?: string | null;
  deliveredAt?: string | null;
}

export interface WebhookBody {
  url?: string;
  events?: string[];
  active?: boolean;
  description?: string | null;
}

const BASE = '/api/v1/admin/webhooks';
const one = (id: string) => BASE + '/' + seg(id);

export const listWebhooks = (admin: AdminClient): Promise<Webhook[]> => admin.all<Webhook>(BASE, 50);
export const createWebhook = (admin: AdminClient, body: WebhookBody): Promise<WebhookWithSecret> => admin.post(BASE, body);
export const updateWebhook = (admin: AdminClient, id: string, body: WebhookBody): Promise<Webhook> => admin.patch(one(id), body);
export const deleteWebhook = (admin: AdminClient, id: string): Promise<void> => admin.delete(one(id));
export const rotateSecret = (admin: AdminClient, id: string): Promise<{ secret: string }> => admin.post(one(id) + '/secret/rotate');
export const listDeliveries = (admin: AdminClient, id: string, after?: string): Promise<Page<Delivery>> =>
  admin.get(one(id) + '/deliveries?limit=50' + (after ? '&after=' + encodeURIComponent(after) : ''));
export const retryDelivery = (admin: AdminClient, id: string, deliveryId: string): Promise<Delivery> =>
  admin.post(one(id) + '/deliveries/' + seg(deliveryId) + '/retry');
