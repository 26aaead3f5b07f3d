/**
 * The ECS fields' Elasticsearch types (ECS 8.17, ecs-fields.json) as the EQL engine takes field
 * types: rules compiled with them compare ECS dates as instants, divide float fields as floats and
 * are checked as Elasticsearch's verifier would check them against an ECS index. The list is not
 * every field an event may have (integrations add their own, mapped dynamically).
 */
import type { FieldTypes } from "../../eql/fields";
import table from "./ecs-fields.json";

let types: FieldTypes | null = null;

export function ecsFieldTypes(): FieldTypes {
  // "keyword[]" is ECS's note that the field is usually an array; Elasticsearch's type is keyword.
  types ??= new Map(Object.entries((table as { fields: Record<string, string> }).fields).map(([name, type]) => [name, { type: type.replace(/\[\]$/, "") }]));
  return types;
}
