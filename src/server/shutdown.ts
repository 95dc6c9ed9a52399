// Stopping the server without waiting on clients. server.close() waits for every connection to
// end, and closeIdleConnections() ends only those between two requests: a client that connected
// and has not sent a whole request yet (a browser's spare connection, a stalled client) would hold
// the stop for up to the headers timeout. Such connections are closed at once; a request being
// handled is finished, and its connection closed right after its response.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Call before listening; the returned function stops the server and resolves once it is closed. */
export function gracefulStop(server: Server): () => Promise<void> {
  const handling = new Map<Socket, number>();
  let stopping = false;
  server.on('connection', (socket: Socket) => {
    handling.set(socket, 0);
    socket.once('close', () => handling.delete(socket));
  });
  server.on('request', (request, response) => {
    const socket = request.socket;
    handling.set(socket, (handling.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = (handling.get(socket) ?? 1) - 1;
      handling.set(socket, left);
      if (stopping && left === 0) socket.destroySoon();
    });
  });
  return () =>
    new Promise<void>((done) => {
      stopping = true;
      server.close(() => done());
      for (const [socket, requests] of handling) if (requests === 0) socket.destroy();
    });
}
