import { createServer, type Server, type Socket, connect } from "node:net";

// A TCP proxy on this machine in front of another server (a database, a receiver), for
// fault tests: `stop` cuts every connection and refuses new ones, as a server that went
// away does; `start` takes connections again on the same port.

export interface TcpProxy {
  port: number;
  /** Closes every connection through the proxy and stops listening (new connections are refused). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 that forwards every connection to `target`. */
export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A cut connection errors on both sides; the other side is closed with it.
    socket.on("error", () => socket.destroy());
  };
  let server: Server;
  let port = 0;
  const listen = () => {
    server = createServer((client) => {
      const upstream = connect(target.port, target.host ?? "127.0.0.1");
      track(client);
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    return new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  };
  await listen();
  return {
    get port() {
      return port;
    },
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
    start: listen,
  };
}
