// Bindings test/worker-test-config.ts adds to every Worker under test, on top of the generated Env.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    TEST_HOLIDAYS: string;
  }
}
