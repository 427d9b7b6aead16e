import { render } from 'preact';
import { App } from './app/App';

const root = document.getElementById('app');
if (!root) throw new Error('Parley console: index.html has no #app element');
render(<App />, root);
