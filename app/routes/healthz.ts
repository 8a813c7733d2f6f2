import { databaseProvider, db } from "~/db/db.server";
import { errorFields, log } from "~/log.server";
import { databaseReady } from "~/startup.server";

/** For load balancers and uptime checks: 200 when the database answers and is prepared, 503 when not. */
export async function loader() {
  const started = performance.now();
  if (!databaseReady()) {
    return Response.json({ status: "starting", database: databaseProvider }, { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } });
  }
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json(
      { status: "ok", database: databaseProvider, ms: Math.round(performance.now() - started) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    log.error("health check failed", errorFields(error));
    return Response.json({ status: "error", database: databaseProvider }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
