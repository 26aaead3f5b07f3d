/** Why an alert was closed, with the label the UI shows. Pure data: safe for client components. */
export const CLOSE_REASON_LABELS = {
  false_positive: "False positive",
  true_positive: "True positive",
  benign_true_positive: "Benign true positive",
  duplicate: "Duplicate",
} as const;

export type CloseReason = keyof typeof CLOSE_REASON_LABELS;
export const CLOSE_REASONS = Object.keys(CLOSE_REASON_LABELS) as [CloseReason, ...CloseReason[]];
