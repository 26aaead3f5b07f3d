/** The webhook body template offered by default (pure data: safe for client components). */
export const DEFAULT_WEBHOOK_TEMPLATE = `{
  "title": {{case.title}},
  "severity": {{case.severity}},
  "status": {{case.status}},
  "description": {{case.markdown}},
  "link": {{case.url}},
  "vigil_case_id": {{case.id}},
  "observables": {{case.observables}},
  "attack": {{case.attack}},
  "new_comments": {{case.new_comments}}
}`;
