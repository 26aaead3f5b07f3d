export { detectBatch, Detector, type DetectionHit, type DetectorOptions } from "./detector";
export { activeRules, ingestDetector, syncRules } from "./rule-set";
