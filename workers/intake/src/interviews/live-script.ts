import { interviewLiveClient } from "./live.client";

/** /assets/interview-live.js: the client function's compiled source, called with the page's globals. */
export const INTERVIEW_LIVE_SCRIPT = `"use strict";(${interviewLiveClient.toString()})(globalThis);\n`;
