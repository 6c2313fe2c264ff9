import { AppError } from "@/lib/errors";
import { handle } from "./handle";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route does not serve. Next.js would answer them with an empty
 * 405, which the SDKs cannot parse; these answer a JSON error with `Allow`. A route file
 * exports them beside its own: `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST")`.
 */
export function otherMethods<const A extends Method[]>(...allowed: A) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = handle((request: Request) => {
    throw new AppError("method_not_allowed", `${request.method} is not allowed here; this address accepts ${allow}`, { headers: { allow } });
  });
  return Object.fromEntries(METHODS.filter((method) => !allowed.includes(method)).map((method) => [method, refuse])) as Record<
    Exclude<Method, A[number]>,
    typeof refuse
  >;
}
