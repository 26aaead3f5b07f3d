/**
 * What a password must be: at least 12 characters and not guessable — common passwords, words,
 * names, repeats, sequences and keyboard runs are refused by zxcvbn's estimate (score 3 of 4 or
 * more: "safely unguessable", ~10^8 guesses and up), with its advice in the message. The
 * username and display name count as guessable too.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 12;
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }));

/** Why a password is refused, or null when it is strong enough. */
export function passwordProblem(password: string, context: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  const r = zxcvbn().check(password, context.filter(Boolean));
  if (r.score >= MIN_SCORE) return null;
  const advice = [r.feedback.warning, ...r.feedback.suggestions].filter(Boolean).join(" ");
  return `too easy to guess${advice ? `: ${advice}` : ""}`;
}

/** The schema of a new password (the estimate with the account's own names is checked where those are known). */
export const ZPassword = z
  .string()
  .max(256, "at most 256 characters")
  .superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
