import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  future: {
    // remix-i18next 7 is a middleware, and the session lookup shares its per-request context.
    v8_middleware: true,
  },
} satisfies Config;
