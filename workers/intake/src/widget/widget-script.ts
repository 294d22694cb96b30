import { widgetClient } from "./widget.client";
import { WIDGET_CSS } from "./widget-css";
import { WIDGET_TEXT } from "./widget-text";

/** /widget.js: the client function's compiled source, called with the stylesheet and the texts. */
export const WIDGET_SCRIPT = `"use strict";(${widgetClient.toString()})(${JSON.stringify({ css: WIDGET_CSS, text: WIDGET_TEXT })});\n`;
