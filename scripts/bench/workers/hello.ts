/**
 * The runtime's ceiling: the least a Worker can do. Built and served exactly like the platform's
 * Workers (wrangler bundle, same compatibility date and flags, same socket), so the ratio between
 * the two measures our code, not the machine.
 */
export default {
  fetch(): Response {
    return new Response("hello world", { headers: { "content-type": "text/plain" } });
  },
} satisfies ExportedHandler;
