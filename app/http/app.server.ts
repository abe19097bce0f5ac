import { randomBytes } from "node:crypto";
import express from "express";
import compression from "compression";
import helmet from "helmet";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { isCrossSiteWrite } from "~/http/csrf.server";
import { runInRequestContext } from "~/http/request-context.server";
import { CLIENT_ADDRESS_HEADER } from "~/http/client-address.server";

/**
 * The HTTP layer in front of Remix: what must hold for every request, before any loader or
 * action runs. Security headers with a fresh script nonce, cross-site writes refused, a
 * ceiling on declared body sizes, the client's address as seen by this server, and one
 * context per request for work its loaders share.
 */
export interface HttpAppOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  appUrl: string;
  /** Number of reverse proxies in front of the app whose X-Forwarded-For can be believed. */
  trustProxy: number;
  mode: "development" | "production" | "test";
}

/** Larger declared bodies are refused before a byte is read; forms enforce their own finer limits. */
export const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

export function createHttpApp({ build, appUrl, trustProxy, mode }: HttpAppOptions): express.Express {
  const app = express();
  const appOrigin = new URL(appUrl).origin;
  const https = appOrigin.startsWith("https:");
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: mode === "development" ? ["'self'", "ws:"] : ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          ...(https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
      referrerPolicy: { policy: "same-origin" },
      frameguard: { action: "deny" },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.use((req, res, next) => {
    const crossSite = isCrossSiteWrite(
      {
        method: req.method,
        secFetchSite: req.get("sec-fetch-site"),
        origin: req.get("origin"),
        requestOrigin: `${req.protocol}://${req.get("host") ?? ""}`,
      },
      appOrigin,
    );
    if (crossSite) {
      res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle provient d’un autre site. / Request refused: it comes from another site.");
      return;
    }
    const declared = Number(req.get("content-length") ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      res.status(413).type("text/plain; charset=utf-8").send("Envoi trop volumineux. / Request too large.");
      return;
    }
    // Only this server says where a request comes from: a client cannot choose its own address.
    req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  // Level 4 instead of the default 6: nearly the same size for HTML, markedly less CPU per page.
  app.use(compression({ level: 4 }));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  const handle = createRequestHandler({
    build,
    mode,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
  });
  app.all("*", (req, res, next) => runInRequestContext(() => handle(req, res, next)));
  return app;
}
