import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/**
 * New passwords: at least 8 characters (the schema checks that) and not easy to guess. zxcvbn
 * with its common-password and keyboard-pattern lists judges "easy" better than any list we
 * could keep by hand; scores 0 and 1 ("password1", "12345678", "qwertyuiop") are refused. It
 * runs on the server only: its dictionaries would cost an owner's phone about a megabyte.
 */
let checker: ZxcvbnFactory | undefined;

export function passwordProblem(password: string, personal: string[] = []): "accounts.passwordCommon" | null {
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const { score } = checker.check(password, personal.filter(Boolean));
  return score < 2 ? "accounts.passwordCommon" : null;
}
