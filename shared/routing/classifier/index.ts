/** The message classifier: train, load, classify and explain. Pure TypeScript for Workers. */
export { classify, type Prediction, probabilities } from "./classify";
export { type LabelledMessage, readMessages } from "./csv";
export { explain, type TermContribution } from "./explain";
export { loadModel, type ModelJson, type RoutingModel, serializeModel } from "./model";
export { DEFAULT_TRAINING, type Example, type TrainOptions, trainModel } from "./train";
