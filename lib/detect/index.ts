export { detectBatch, Detector, type DetectionHit, type DetectorOptions, type EarlyDetection } from "./detector";
export { activeRules, ingestDetector, syncRules } from "./rule-set";
