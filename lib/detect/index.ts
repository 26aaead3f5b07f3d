export { detectBatch, Detector, type DetectionHit, type DetectorOptions } from "./detector";
