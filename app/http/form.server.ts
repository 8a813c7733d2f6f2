import { data } from "react-router";

/**
 * The submitted form, or a 400 when the body is not a form at all (a script posting JSON, a
 * truncated upload): bad input is the sender's problem to fix, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ reason: "badRequest" }, { status: 400 });
  }
}
