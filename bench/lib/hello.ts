// The ceiling: a bare Fastify 5 server doing the least an HTTP framework can do.
// Kindred's figures are reported as a fraction of this one, measured in the same run.
import Fastify from "fastify";

export async function startHelloServer(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get("/", async () => ({ hello: "world" }));
  // Port 0: the kernel picks a free loopback port.
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url, close: () => app.close() };
}
