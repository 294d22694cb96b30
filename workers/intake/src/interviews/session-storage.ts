import type { Answer, Question } from "../../../../shared/interviews/questions";
import type { SessionState } from "../../../../shared/interviews/session";
import { type Replay, rememberCommand, replayCommand } from "../case-record/command-memory";

/** The session object's own SQLite schema. Idempotent: run on every construction. */
const SESSION_DDL = [
  `CREATE TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)`,
  // `changed`: the session version of the question's last public change (the projection's cursor).
  `CREATE TABLE IF NOT EXISTS questions (
     id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, status TEXT NOT NULL, data TEXT NOT NULL, changed INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, question_id TEXT NOT NULL, data TEXT NOT NULL)`,
  // The askers' contact data, apart from the questions: read only to file a case, deleted once all are filed.
  `CREATE TABLE IF NOT EXISTS askers (question_id TEXT PRIMARY KEY, name TEXT, phone TEXT)`,
  `CREATE TABLE IF NOT EXISTS commands (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, result TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
];

export type MetaKey = "projectedVersion" | "announcedStatus" | "convertedAt" | "retries";

/**
 * Every read and write of a session object's storage, so the object reads as its commands. Writes
 * are synchronous: callers group them in `transactionSync`.
 */
export class SessionStorage {
  constructor(private readonly sql: SqlStorage) {}

  migrate(): void {
    this.sql.exec(SESSION_DDL.join(";\n"));
  }

  session(): SessionState | null {
    const row = this.sql.exec<{ state: string }>("SELECT state FROM session WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.state) as SessionState) : null;
  }

  saveSession(state: SessionState): void {
    this.sql.exec("INSERT OR REPLACE INTO session (id, state) VALUES (1, ?)", JSON.stringify(state));
  }

  questions(): Question[] {
    return this.sql
      .exec<{ data: string }>("SELECT data FROM questions ORDER BY seq")
      .toArray()
      .map((r) => JSON.parse(r.data) as Question);
  }

  question(id: string): Question | null {
    const row = this.sql.exec<{ data: string }>("SELECT data FROM questions WHERE id = ?", id).toArray()[0];
    return row ? (JSON.parse(row.data) as Question) : null;
  }

  /** Approved questions changed after `version`: what the read model has not seen yet. */
  approvedChangedSince(version: number): Question[] {
    return this.sql
      .exec<{ data: string }>(
        "SELECT data FROM questions WHERE status = 'approved' AND changed > ? ORDER BY seq",
        version,
      )
      .toArray()
      .map((r) => JSON.parse(r.data) as Question);
  }

  nextSeq(): number {
    return (this.sql.exec<{ n: number | null }>("SELECT MAX(seq) AS n FROM questions").one().n ?? 0) + 1;
  }

  saveQuestion(question: Question, changed: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO questions (id, seq, status, data, changed) VALUES (?, ?, ?, ?, ?)",
      question.id,
      question.seq,
      question.status,
      JSON.stringify(question),
      changed,
    );
  }

  keepAsker(questionId: string, name: string | null, phone: string | null): void {
    if (name === null && phone === null) return;
    this.sql.exec("INSERT OR REPLACE INTO askers (question_id, name, phone) VALUES (?, ?, ?)", questionId, name, phone);
  }

  asker(questionId: string): { name: string | null; phone: string | null } {
    const row = this.sql
      .exec<{ name: string | null; phone: string | null }>(
        "SELECT name, phone FROM askers WHERE question_id = ?",
        questionId,
      )
      .toArray()[0];
    return row ?? { name: null, phone: null };
  }

  /** Once every case is filed, the askers' names and phones live only in those cases. */
  forgetAskers(): void {
    this.sql.exec("DELETE FROM askers");
  }

  answers(): Answer[] {
    return this.sql
      .exec<{ data: string }>("SELECT data FROM answers ORDER BY rowid")
      .toArray()
      .map((r) => JSON.parse(r.data) as Answer);
  }

  saveAnswer(answer: Answer): void {
    this.sql.exec(
      "INSERT INTO answers (id, question_id, data) VALUES (?, ?, ?)",
      answer.id,
      answer.questionId,
      JSON.stringify(answer),
    );
  }

  meta(key: MetaKey): string | null {
    return this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? null;
  }

  setMeta(key: MetaKey, value: string): void {
    this.sql.exec("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", key, value);
  }

  replay<T>(key: string, requestHash: string): Replay<T> {
    return replayCommand<T>(this.sql, key, requestHash);
  }

  rememberCommand(key: string, requestHash: string, result: unknown): void {
    rememberCommand(this.sql, key, requestHash, result);
  }
}
