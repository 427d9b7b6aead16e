import { installParley } from './loader';

export type * from './types';

installParley(window, document);
