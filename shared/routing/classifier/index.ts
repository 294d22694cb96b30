/** The message classifier: train, load, classify and explain. Pure TypeScript for Workers. */
export { classify, probabilities, type Prediction } from "./classify";
export { explain, type TermContribution } from "./explain";
export { loadModel, serializeModel, type ModelJson, type RoutingModel } from "./model";
export { DEFAULT_TRAINING, trainModel, type Example, type TrainOptions } from "./train";
export { readMessages, type LabelledMessage } from "./csv";
