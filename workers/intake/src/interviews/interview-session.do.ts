import { DurableObject } from "cloudflare:workers";
import type { RpcResult } from "../../../../shared/case-record/contract";
import { DomainError, toErrorData } from "../../../../shared/domain/errors";
import { canonicalJson, sha256Hex } from "../../../../shared/domain/hash-chain";
import {
  AskInput,
  type InterviewSessionRpc,
  type InterviewSnapshot,
  type ModeratorView,
  ScheduleInput,
} from "../../../../shared/interviews/contract";
import type { LiveFrame } from "../../../../shared/interviews/interview.schema";
import { decideModeration, ModerationInput, newQuestion } from "../../../../shared/interviews/questions";
import { InterviewNotFound, type SessionState, schedule, statusAt } from "../../../../shared/interviews/session";
import { invalidArguments, refused } from "../case-record/rpc-results";
import { applyChange, newId } from "./moderation-apply";
import { snapshotOf, statusFrame } from "./public-view";
import { afterward } from "./session-alarm";
import { SessionStorage } from "./session-storage";

/**
 * One 在线访谈: the only writer of its plan, questions and answers, and the holder of its viewers'
 * WebSockets through the hibernation API — an idle viewer costs nothing, the object may be evicted
 * between frames and its sockets stay open. Every change a viewer may see bumps `version` and is
 * pushed as one frame to every socket; the alarm announces the start and the end, files the
 * unanswered questions as cases after the end, and projects the session into D1.
 */
export class InterviewSession extends DurableObject<IntakeEnv> implements InterviewSessionRpc {
  private readonly store: SessionStorage;
  private cached: { key: string; snapshot: InterviewSnapshot } | null = null;

  constructor(ctx: DurableObjectState, env: IntakeEnv) {
    super(ctx, env);
    this.store = new SessionStorage(ctx.storage.sql);
    void ctx.blockConcurrencyWhile(async () => this.store.migrate());
    // Viewers' keep-alives are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  async schedule(raw: ScheduleInput): Promise<RpcResult<{ version: number }>> {
    const parsed = ScheduleInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const { interviewId, plan, idempotencyKey, now } = parsed.data;
    const nowMs = now ? Date.parse(now) : Date.now();
    const requestHash = sha256Hex(canonicalJson({ interviewId, plan }));
    return this.command(`schedule:${idempotencyKey}`, requestHash, () => {
      const next = schedule(this.store.session(), { id: interviewId, plan }, nowMs);
      this.saveSession(next, nowMs);
      return { value: { version: next.version }, frames: [statusFrame(next, nowMs)] };
    });
  }

  async ask(raw: AskInput): Promise<RpcResult<{ status: "pending"; questionId: string }>> {
    const parsed = AskInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const { interviewId, idempotencyKey, question, verdict, now } = parsed.data;
    const nowMs = now ? Date.parse(now) : Date.now();
    const requestHash = sha256Hex(canonicalJson({ interviewId, question }));
    return this.command(`ask:${idempotencyKey}`, requestHash, () => {
      const session = this.sessionNamed(interviewId);
      const id = newId();
      const asked = newQuestion(
        session,
        { id, seq: this.store.nextSeq(), text: question.text, hasPhone: Boolean(question.phone) },
        verdict,
        nowMs,
      );
      this.store.saveQuestion(asked, 0);
      this.store.keepAsker(id, question.name ?? null, question.phone ?? null);
      // Nothing a citizen sends is shown before approval: no frame, no version.
      return { value: { status: "pending" as const, questionId: id }, frames: [] };
    });
  }

  async moderate(raw: ModerationInput): Promise<RpcResult<{ version: number }>> {
    const parsed = ModerationInput.safeParse(raw);
    if (!parsed.success) return invalidArguments(parsed.error);
    const { interviewId, idempotencyKey, actor, command, now } = parsed.data;
    const nowMs = now ? Date.parse(now) : Date.now();
    const requestHash = sha256Hex(canonicalJson({ interviewId, actor, command }));
    return this.command(`moderate:${idempotencyKey}`, requestHash, () => {
      const session = this.sessionNamed(interviewId);
      const change = decideModeration(session, (id) => this.store.question(id), command, actor, nowMs, newId());
      const { session: next, frames } = applyChange(this.store, session, change, nowMs);
      this.saveSession(next, nowMs);
      return { value: { version: next.version }, frames };
    });
  }

  async snapshot(): Promise<InterviewSnapshot | null> {
    const session = this.store.session();
    if (!session) return null;
    const nowMs = Date.now();
    // Many viewers poll the same version: built once per version and status.
    const key = `${session.version}:${statusAt(session, nowMs)}`;
    await this.rearm(session, nowMs);
    if (this.cached?.key !== key)
      this.cached = { key, snapshot: snapshotOf(session, this.store.questions(), this.store.answers(), nowMs) };
    return this.cached.snapshot;
  }

  async moderatorView(): Promise<ModeratorView | null> {
    const session = this.store.session();
    if (!session) return null;
    await this.rearm(session, Date.now());
    const questions = this.store.questions();
    const filed = questions.filter((q) => q.caseTrackingNo !== null).length;
    const answered = new Set(this.store.answers().map((a) => a.questionId));
    const due = questions.filter(
      (q) => q.status === "approved" && !answered.has(q.id) && q.caseTrackingNo === null,
    ).length;
    return {
      session,
      status: statusAt(session, Date.now()),
      questions,
      answers: this.store.answers(),
      viewers: this.ctx.getWebSockets().length,
      conversion: { done: filed, pending: due, finishedAt: this.store.meta("convertedAt") },
    };
  }

  /**
   * Only the live feed's WebSocket upgrade comes through fetch (an RPC call cannot hand over a
   * socket); everything else is an RPC method. Each viewer gets the current status at once.
   */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket")
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    const session = this.store.session();
    if (!session) return new Response("No such interview", { status: 404 });
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, ["viewer"]);
    server.serializeAttachment({ since: Date.now() });
    server.send(JSON.stringify(statusFrame(session, Date.now())));
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(): Promise<void> {
    // Viewers only listen: anything but the runtime-answered "ping" is ignored.
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    try {
      ws.close(code, reason);
    } catch {
      // Already closed by the runtime's automatic reply.
    }
  }

  override async alarm(): Promise<void> {
    await afterward({
      env: this.env,
      storage: this.ctx.storage,
      store: this.store,
      broadcast: (frames) => this.broadcast(frames),
      saveSession: (s, nowMs) => this.saveSession(s, nowMs),
    });
  }

  /**
   * A command's one path: replayed by key, decided and written in one synchronous transaction (no
   * await between the read and the write), then its frames pushed and the alarm set for the projection.
   */
  private async command<T>(
    key: string,
    requestHash: string,
    run: () => { value: T; frames: LiveFrame[] },
  ): Promise<RpcResult<T>> {
    const replay = this.store.replay<T>(key, requestHash);
    if (replay.kind === "conflict") return refused(toErrorData(replay.error));
    if (replay.kind === "same") return { ok: true, value: replay.result, replayed: true };
    try {
      const { value, frames } = this.ctx.storage.transactionSync(() => {
        const done = run();
        this.store.rememberCommand(key, requestHash, done.value);
        return done;
      });
      this.broadcast(frames);
      if (frames.length > 0) await this.ctx.storage.setAlarm(Date.now());
      return { ok: true, value, replayed: false };
    } catch (error) {
      if (error instanceof DomainError) return refused(toErrorData(error));
      throw error;
    }
  }

  /**
   * An ended session whose questions are not all filed, with no alarm set (its chain died: a deploy
   * mid-retry, a lost alarm), gets one now: reading the transcript or the desk is enough to resume.
   */
  private async rearm(session: SessionState, nowMs: number): Promise<void> {
    if (statusAt(session, nowMs) !== "ended" || this.store.meta("convertedAt") !== null) return;
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(nowMs);
  }

  private sessionNamed(id: string): SessionState {
    const session = this.store.session();
    if (!session || session.id !== id) throw new InterviewNotFound();
    return session;
  }

  /** Saves the session and the status viewers were last told, so the alarm announces only real changes. */
  private saveSession(session: SessionState, nowMs: number): void {
    this.store.saveSession(session);
    this.store.setMeta("announcedStatus", statusAt(session, nowMs));
  }

  private broadcast(frames: readonly LiveFrame[]): void {
    if (frames.length === 0) return;
    const sockets = this.ctx.getWebSockets();
    for (const frame of frames) {
      const data = JSON.stringify(frame);
      for (const ws of sockets) {
        try {
          ws.send(data);
        } catch {
          // A socket closing as we send: its close handler finishes it.
        }
      }
    }
  }
}
