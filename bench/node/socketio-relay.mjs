// The seed system: a Socket.IO 4 chat server as in the classic Socket.IO chat tutorial. A socket
// joins the rooms of its conversations; on a `chat message` event the server emits the message to
// the other participants of that room. No persistence, no authentication.
// Usage: node --expose-gc socketio-relay.mjs <port>. GET /stats answers the memory after a GC.
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] || 3000);
const server = http.createServer((req, res) => {
  if (req.url === '/stats') {
    if (global.gc) global.gc();
    const memory = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external,
      connections: io.engine.clientsCount }));
    return;
  }
  res.writeHead(404);
  res.end();
});
const io = new Server(server);

io.on('connection', (socket) => {
  socket.on('join', (room) => socket.join(String(room)));
  socket.on('chat message', (msg) => {
    if (msg && typeof msg.room === 'string') socket.to(msg.room).emit('chat message', msg);
  });
});

server.listen(port, '127.0.0.1', () => console.log(`socket.io relay listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
