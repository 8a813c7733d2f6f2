import { databaseProvider, db } from "~/db/db.server";
import { errorFields, log } from "~/log.server";

/** For load balancers and uptime checks: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const started = performance.now();
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
