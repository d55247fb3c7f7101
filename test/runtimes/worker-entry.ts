/**
 * The scenario as a Cloudflare Worker, for workerd: a POST with the scenario's configuration as
 * its JSON body runs it inside the Worker (whose `fetch` reaches the mock through workerd's
 * network service) and answers with the outcomes as JSON.
 */
import { runScenario, type ScenarioConfig } from "./scenario.ts";

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== "POST")
      return new Response("POST the scenario's config", { status: 405 });
    const config = (await request.json()) as ScenarioConfig;
    return Response.json(await runScenario(config));
  },
};
