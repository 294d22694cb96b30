import { widgetClient } from "./widget.client";
import { WIDGET_CSS } from "./widget-css";
import { WIDGET_TEXT } from "./widget-text";
import { widgetViews } from "./widget-views.client";

/**
 * /widget.js: the client function's compiled source, called with the stylesheet and the texts, the
 * page's globals (so the client names its DOM by type, not by cast) and the views' compiled source.
 */
export const WIDGET_SCRIPT = `"use strict";(${widgetClient.toString()})(${JSON.stringify({ css: WIDGET_CSS, text: WIDGET_TEXT })},globalThis,${widgetViews.toString()});\n`;
