import type { Migration } from 'kysely'
import type { Dialect } from '../database'
import { m0001_organisations } from './0001_organisations'
import { m0002_people } from './0002_people'
import { m0003_idempotency_and_audit } from './0003_idempotency_and_audit'
import { m0004_assessments } from './0004_assessments'
import { m0005_events } from './0005_events'
import { m0006_pledges } from './0006_pledges'
import { m0007_party_meetings } from './0007_party_meetings'
import { m0008_admin_codes } from './0008_admin_codes'
import { m0009_department_invites } from './0009_department_invites'
import { m0010_enterprise_imports } from './0010_enterprise_imports'
import { m0011_milestones } from './0011_milestones'
import { m0012_audit_organisation } from './0012_audit_organisation'
import { m0013_department_retire } from './0013_department_retire'
import { m0014_campaign_close } from './0014_campaign_close'
import { m0015_meeting_revision_changes } from './0015_meeting_revision_changes'
import { m0017_todo_reminders } from './0017_todo_reminders'
import { m0020_pledge_chain_mac_version } from './0020_pledge_chain_mac_version'
import { m0021_idempotency_secrets } from './0021_idempotency_secrets'
import { m0022_urges } from './0022_urges'
import { m0023_checklist_v2 } from './0023_checklist_v2'
import { m0024_supervision_reports } from './0024_supervision_reports'
import { m0025_exemplars } from './0025_exemplars'
import { m0026_risks } from './0026_risks'
import { m0027_special_campaigns } from './0027_special_campaigns'
import { m0028_powers } from './0028_powers'
import { m0029_dealings } from './0029_dealings'
import { m0031_assessment_section_columns } from './0031_assessment_section_columns'
import { m0032_report_period_exemplar_rules } from './0032_report_period_exemplar_rules'
import { m0033_access_version } from './0033_access_version'
import { m0034_figures_indexes } from './0034_figures_indexes'
import { m0035_rectification_events_index } from './0035_rectification_events_index'
import { m0036_county_settings } from './0036_county_settings'
import { m0037_campaign_county_wide } from './0037_campaign_county_wide'
import { m0038_quiz } from './0038_quiz'
import { m0039_county_name } from './0039_county_name'
import { m0040_risk_alert_acks } from './0040_risk_alert_acks'

/** Every migration by name, in order: the names are what an existing database has recorded, never renamed. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_organisations': m0001_organisations(dialect),
    '0002_people': m0002_people(dialect),
    '0003_idempotency_and_audit': m0003_idempotency_and_audit(dialect),
    '0004_assessments': m0004_assessments(dialect),
    '0005_events': m0005_events(dialect),
    '0006_pledges': m0006_pledges(dialect),
    '0007_party_meetings': m0007_party_meetings(dialect),
    '0008_admin_codes': m0008_admin_codes(dialect),
    '0009_department_invites': m0009_department_invites(dialect),
    '0010_enterprise_imports': m0010_enterprise_imports(dialect),
    '0011_milestones': m0011_milestones(dialect),
    '0012_audit_organisation': m0012_audit_organisation(dialect),
    '0013_department_retire': m0013_department_retire(dialect),
    '0014_campaign_close': m0014_campaign_close(dialect),
    '0015_meeting_revision_changes': m0015_meeting_revision_changes(dialect),
    '0017_todo_reminders': m0017_todo_reminders(dialect),
    '0020_pledge_chain_mac_version': m0020_pledge_chain_mac_version(dialect),
    '0021_idempotency_secrets': m0021_idempotency_secrets(dialect),
    '0022_urges': m0022_urges(dialect),
    '0023_checklist_v2': m0023_checklist_v2(dialect),
    '0024_supervision_reports': m0024_supervision_reports(dialect),
    '0025_exemplars': m0025_exemplars(dialect),
    '0026_risks': m0026_risks(dialect),
    '0027_special_campaigns': m0027_special_campaigns(dialect),
    '0028_powers': m0028_powers(dialect),
    '0029_dealings': m0029_dealings(dialect),
    '0031_assessment_section_columns': m0031_assessment_section_columns(dialect),
    '0032_report_period_exemplar_rules': m0032_report_period_exemplar_rules(dialect),
    '0033_access_version': m0033_access_version(dialect),
    '0034_figures_indexes': m0034_figures_indexes(dialect),
    '0035_rectification_events_index': m0035_rectification_events_index(dialect),
    '0036_county_settings': m0036_county_settings(dialect),
    '0037_campaign_county_wide': m0037_campaign_county_wide(dialect),
    '0038_quiz': m0038_quiz(dialect),
    '0039_county_name': m0039_county_name(dialect),
    '0040_risk_alert_acks': m0040_risk_alert_acks(dialect),
  }
}
