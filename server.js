// The HTTP server: serves the built app (or Vite in development), static assets with long
// caching, request ids and one JSON log line per request. The app itself prepares the database
// (migrations) when its build is imported, before the first request is accepted.
import { randomUUID } from "node:crypto";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@react-router/express";

const DEVELOPMENT = process.env.NODE_ENV !== "production";
const trustProxy = ["1", "true"].includes(process.env.TRUST_PROXY ?? "");
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`Kaizen LMS cannot start: PORT must be a whole number between 1 and 65535, not "${process.env.PORT}".`);
  process.exit(1);
}

const quiet = ["warn", "error"].includes(process.env.LOG_LEVEL ?? "");
function logLine(fields) {
  if (quiet) return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: "info", ...fields })}\n`);
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxy);
app.use(compression());

// Request id and client address, handed to the app as headers it can trust (set here, never by the client).
app.use((req, res, next) => {
  const requestId = (trustProxy && req.get("x-request-id")) || randomUUID();
  req.headers["x-request-id"] = requestId;
  req.headers["x-kaizen-client-address"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path.startsWith("/assets/")) return;
    logLine({
      msg: "request",
      requestId,
      method: req.method,
      path: req.originalUrl,
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
    });
  });
  next();
});

let handler;
if (DEVELOPMENT) {
  const vite = await import("vite");
  const viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteDevServer.middlewares);
  handler = createRequestHandler({
    build: () => viteDevServer.ssrLoadModule("virtual:react-router/server-build"),
    getLoadContext: undefined,
  });
} else {
  const build = await import("./build/server/index.js");
  // Hashed file names: cache for a year. Everything else in public/: an hour.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(
    express.static("build/client", {
      maxAge: "1h",
      // The service worker must be checked for a new version on every visit.
      setHeaders: (res, file) => file.endsWith("sw.js") && res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  handler = createRequestHandler({ build });
}
app.all("/{*path}", handler);

const server = app.listen(port, () => {
  logLine({ msg: "Kaizen LMS is listening", url: `http://localhost:${port}`, mode: DEVELOPMENT ? "development" : "production" });
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
