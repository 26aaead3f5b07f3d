export { detectBatch, Detector, type DetectionHit, type DetectorOptions } from "./detector";
export { activeRules, ingestDetector } from "./rule-set";
