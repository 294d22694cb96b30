/**
 * Cron on the self-hosted target. workerd has no scheduler, so the host calls the control route
 * `POST /tick` (a systemd timer each minute, or `npm run selfhost:tick`); this object decides which
 * of the Workers' crons are due and fires each through `Fetcher.scheduled()`.
 *
 * A tick may come twice, late, or not at all for a while: each cron remembers the last time it
 * fired, fires once for the latest due time since then (a missed hour fires once, not sixty times;
 * Cloudflare does not catch up either), and records it only after the handler returned, so a
 * failure is retried at the next tick. The handlers are idempotent, as on Cloudflare.
 */
import { DurableObject } from "cloudflare:workers";
import { dueTime } from "./due-time.ts";
import { type CronTrigger, type PlatformEnv, workerService } from "./env.ts";

export interface Fired {
  worker: string;
  cron: string;
  scheduledTime: string;
  outcome: string;
}

export class CronLedger extends DurableObject<PlatformEnv> {
  #sql = this.ctx.storage.sql;

  constructor(ctx: DurableObjectState, env: PlatformEnv) {
    super(ctx, env);
    this.#sql.exec(
      "CREATE TABLE IF NOT EXISTS fired (worker TEXT NOT NULL, cron TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (worker, cron))",
    );
  }

  #last(trigger: CronTrigger): number | undefined {
    const row = this.#sql
      .exec<{ at: number }>("SELECT at FROM fired WHERE worker = ? AND cron = ?", trigger.worker, trigger.cron)
      .toArray()[0];
    return row?.at;
  }

  /** Fires every due cron once; a cron seen for the first time starts counting from this tick. */
  async tick(nowMs: number): Promise<Fired[]> {
    const now = new Date(nowMs);
    const fired: Fired[] = [];
    for (const trigger of this.env.CRONS) {
      const last = this.#last(trigger);
      // First tick for this cron: only a time within the last minute is due (no backfill on install).
      const due = dueTime(trigger.cron, new Date(last ?? nowMs - 60_000), now);
      if (!due) continue;
      let outcome: string;
      try {
        const result = await workerService(this.env, trigger.worker).scheduled({
          cron: trigger.cron,
          scheduledTime: due,
        });
        outcome = result.outcome;
      } catch (error) {
        outcome = `exception: ${String(error)}`;
      }
      if (outcome === "ok")
        this.#sql.exec(
          "INSERT INTO fired (worker, cron, at) VALUES (?, ?, ?) ON CONFLICT (worker, cron) DO UPDATE SET at = excluded.at",
          trigger.worker,
          trigger.cron,
          due.getTime(),
        );
      fired.push({ worker: trigger.worker, cron: trigger.cron, scheduledTime: due.toISOString(), outcome });
    }
    return fired;
  }
}
