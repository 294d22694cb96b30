import { classify, loadModel, type RoutingModel } from "./classifier";
import modelJson from "./classifier/model.json";
import type { CategorySuggestion } from "./route";

let model: RoutingModel | null = null;

/** The shipped model, parsed once per isolate (≈ 60–100 ms, then reused). */
export function routingModel(): RoutingModel {
  model ??= loadModel(modelJson);
  return model;
}

/**
 * The classifier's top suggestions for a message, as category codes. The model speaks the labels
 * of the training data (城乡建设 …), which are the names of the platform's categories.
 */
export function suggestCategories(
  text: string,
  nameToCode: ReadonlyMap<string, string>,
  topK = 3,
): CategorySuggestion[] {
  return classify(routingModel(), text, topK).flatMap((p) => {
    const code = nameToCode.get(p.category);
    return code ? [{ category: code, confidence: p.confidence }] : [];
  });
}

/** The confidence at which the model routes on its own: chosen in cross-validation for ≥ 0.97 precision. */
export function autoRouteThreshold(): number {
  return routingModel().threshold;
}
