import './polyfills';
import { render } from 'preact';
import { App } from './app/App';
import { RestApi } from './auth/api';
import { Session } from './auth/session';
import { connectRSocket } from './rsocket/rsocketChannel';

const root = document.getElementById('app');
if (!root) throw new Error('Parley console: index.html has no #app element');
const api = new RestApi();
const session = new Session({ api, storage: localStorage, locks: 'locks' in navigator ? navigator.locks : null });
render(<App session={session} api={api} connect={connectRSocket} />, root);
