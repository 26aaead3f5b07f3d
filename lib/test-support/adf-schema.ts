/**
 * Atlassian's own JSON schema for ADF documents (@atlaskit/adf-schema, full.json; draft-04, so
 * validated with ajv-draft-04): what Jira Cloud accepts as a description or comment body.
 */
import Ajv from "ajv-draft-04";
import schema from "@atlaskit/adf-schema/dist/json-schema/v1/full.json";

const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);

/** Why Jira would refuse the document, or null when the schema accepts it. */
export function adfProblems(doc: unknown): string | null {
  if (validate(doc)) return null;
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
}
