import { seg, type AdminClient } from '../admin/client';

export interface Appearance {
  primaryColor: string;
  position: 'left' | 'right';
  title: string;
}

export interface PrechatField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'textarea';
  required: boolean;
}

/** A site as the admin API answers it. */
export interface Site {
  id: string;
  siteKey: string;
  name: string;
  allowedOrigins: string[];
  appearance: Appearance;
  greeting?: string | null;
  prechatFields: PrechatField[];
  identityRequired: boolean;
  createdAt: string;
  snippet: string;
}

/** What the site form sends, on create and on change alike. */
export interface SiteBody {
  name: string;
  allowedOrigins: string[];
  appearance: Appearance;
  greeting: string | null;
  prechatFields: PrechatField[];
  identityRequired: boolean;
}

const BASE = '/api/v1/admin/sites';

export const listSites = (admin: AdminClient): Promise<Site[]> => admin.all<Site>(BASE);
export const createSite = (admin: AdminClient, body: SiteBody): Promise<Site> => admin.post(BASE, body);
export const updateSite = (admin: AdminClient, id: string, body: SiteBody): Promise<Site> => admin.patch(BASE + '/' + seg(id), body);

/** Origins typed one a line (or separated by spaces or commas), blanks dropped. */
export function parseOrigins(text: string): string[] {
  return text.split(/[\s,]+/).map((o) => o.trim()).filter((o) => o !== '');
}
