import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * 在线访谈, projected by each session's durable object (the only writer): the list the portal and
 * the console show, and the transcript's approved questions and answers, searchable from the board.
 * Only what viewers may see is here: masked question text, never who asked.
 */

export interface InterviewGuestRow {
  id: string;
  name: string;
  title: string;
  departmentId: string;
}

export interface InterviewAnswerRow {
  guestId: string;
  text: string;
  answeredAt: string;
}

export const interviews = sqliteTable(
  "interviews",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    regionCode: text("region_code").notNull(),
    guests: text("guests", { mode: "json" }).$type<InterviewGuestRow[]>().notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    /** Set when the moderator ended the session early. */
    endedAt: text("ended_at"),
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    approvedCount: integer("approved_count").notNull().default(0),
    answeredCount: integer("answered_count").notNull().default(0),
    /** Unanswered questions turned into cases after the end. */
    casesCount: integer("cases_count").notNull().default(0),
    /** The object's version when this row was written: an older projection never overwrites a newer one. */
    version: integer("version").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("interviews_starts").on(t.startsAt)],
);

export const interviewEntries = sqliteTable(
  "interview_entries",
  {
    questionId: text("question_id").primaryKey(),
    interviewId: text("interview_id").notNull(),
    /** Arrival order of the question in its session. */
    seq: integer("seq").notNull(),
    questionText: text("question_text").notNull(),
    askedAt: text("asked_at").notNull(),
    approvedAt: text("approved_at").notNull(),
    guestId: text("guest_id").notNull(),
    answers: text("answers", { mode: "json" }).$type<InterviewAnswerRow[]>().notNull(),
    /** The answers' text joined, for the board's search. */
    answerText: text("answer_text").notNull(),
    trackingNo: text("tracking_no"),
    version: integer("version").notNull(),
  },
  (t) => [index("interview_entries_session").on(t.interviewId, t.seq)],
);
