// The HTTP server: serves the built app (or Vite in development), static assets with long
// caching, request ids and one JSON log line per request. The app itself prepares the database
// (migrations) when its build is imported, before the first request is accepted.
import { randomBytes, randomUUID } from "node:crypto";
import compression from "compression";
import express from "express";
import { matchRoutes } from "react-router";
import { createRequestHandler } from "@react-router/express";

const DEVELOPMENT = process.env.NODE_ENV !== "production";
const trustProxy = ["1", "true"].includes(process.env.TRUST_PROXY ?? "");
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`Kaizen LMS cannot start: PORT must be a whole number between 1 and 65535, not "${process.env.PORT}".`);
  process.exit(1);
}

// Cookies carry Secure in production unless SECURE_COOKIES=0 (as app/env.server.ts decides):
// only then is the site served over HTTPS and may tell browsers to keep to it (HSTS).
const secureCookies = ["1", "true"].includes(process.env.SECURE_COOKIES ?? "") || (process.env.SECURE_COOKIES === undefined && !DEVELOPMENT);

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

/*
 * Security headers, set here for every answer (pages, their .data, resource routes, assets,
 * 404s). The page's scripts run only with this request's nonce (entry.server.tsx passes it to
 * React and React Router); everything else comes from this site alone. Style attributes stay
 * allowed (style-src-attr): a width set on a bar is not a script.
 */
function contentSecurityPolicy(nonce) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Features no page uses. The visit form takes photos through a file input, which opens the
// phone's camera app and needs no permission.
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
  "browsing-topics=()",
].join(", ");

const SESSION_COOKIE = /(?:^|;\s*)kaizen_session=[^;]/;

// Routes whose handle says `neverOffline: true` (invitation codes and the like): looked up from
// the build's route table, so that their pages and their .data both carry the header that tells
// the service worker (public/sw.js) not to keep them.
let routeTree;
function neverOffline(build, pathname) {
  if (!routeTree) {
    const byParent = new Map();
    for (const route of Object.values(build.routes)) {
      const siblings = byParent.get(route.parentId) ?? [];
      siblings.push(route);
      byParent.set(route.parentId, siblings);
    }
    const tree = (parentId) =>
      (byParent.get(parentId) ?? []).map((r) => ({ id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, children: tree(r.id) }));
    routeTree = tree(undefined);
  }
  const page = pathname === "/_root.data" ? "/" : pathname.replace(/\.data$/, "");
  return (matchRoutes(routeTree, page) ?? []).some((m) => build.routes[m.route.id]?.module?.handle?.neverOffline === true);
}

function securityHeaders(getBuild) {
  return async (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    // For entry.server.tsx; whatever a client sent under this name is replaced.
    req.headers["x-kaizen-csp-nonce"] = nonce;
    if (!DEVELOPMENT) res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (secureCookies) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    const isAsset = req.path.startsWith("/assets/");
    let keepOffline = true;
    if (!isAsset && req.method === "GET") {
      try {
        keepOffline = !neverOffline(await getBuild(), req.path);
      } catch {
        keepOffline = true;
      }
    }
    // A signed-in person's answers are theirs alone: no shared or browser cache keeps them
    // (the service worker keeps what it may for offline use itself). Answers that set their
    // own caching (texts, photos) keep it.
    const signedIn = SESSION_COOKIE.test(req.headers.cookie ?? "");
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!keepOffline) {
        res.setHeader("X-Kaizen-Offline", "never");
        res.setHeader("Cache-Control", "private, no-store");
      } else if (signedIn && !isAsset && !res.getHeader("Cache-Control")) {
        res.setHeader("Cache-Control", "private, no-store");
      }
      return writeHead.apply(this, args);
    };
    next();
  };
}

let handler;
let getBuild;
if (DEVELOPMENT) {
  const vite = await import("vite");
  const viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  getBuild = () => viteDevServer.ssrLoadModule("virtual:react-router/server-build");
  app.use(securityHeaders(getBuild));
  app.use(viteDevServer.middlewares);
  handler = createRequestHandler({
    build: () => viteDevServer.ssrLoadModule("virtual:react-router/server-build"),
    getLoadContext: undefined,
  });
} else {
  const build = await import("./build/server/index.js");
  getBuild = () => build;
  app.use(securityHeaders(getBuild));
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
