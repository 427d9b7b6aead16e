// The transport floor: a minimal `ws` relay. Two sockets that connect with the same `?pair=` are
// peers; every text frame one sends is forwarded to the other as it is, never parsed.
// Usage: node --expose-gc ws-relay.mjs <port>. GET /stats answers the memory after a GC.
import http from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';

const port = Number(process.argv[2] || 3001);
const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    if (global.gc) global.gc();
    const memory = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external,
      connections: wss.clients.size }));
    return;
  }
  res.writeHead(404);
  res.end();
});
const wss = new WebSocketServer({ server });
const waiting = new Map();

wss.on('connection', (ws, req) => {
  const pair = new URL(req.url, 'http://relay').searchParams.get('pair') || '';
  const other = waiting.get(pair);
  if (other && other.readyState === WebSocket.OPEN) {
    waiting.delete(pair);
    ws.peer = other;
    other.peer = ws;
  } else {
    waiting.set(pair, ws);
  }
  ws.on('message', (data, isBinary) => {
    const peer = ws.peer;
    if (peer && peer.readyState === WebSocket.OPEN) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => {
    if (waiting.get(pair) === ws) waiting.delete(pair);
    if (ws.peer) ws.peer.peer = null;
  });
});

server.listen(port, '127.0.0.1', () => console.log(`ws relay listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
