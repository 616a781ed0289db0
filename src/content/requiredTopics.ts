/** Topic ids fixed by the product's taxonomy (shared/spec/topics.md). Content must answer all of them. */
export const NATIONAL_TOPICS = [
  'what-is-sen-support', 'areas-of-need', 'identifying-sen', 'graduated-approach', 'review-meetings', 'role-of-senco',
  'raising-a-concern', 'types-of-support', 'school-duties', 'sen-information-report', 'specialist-involvement',
  'ehc-needs-assessment', 'ehc-plan', 'local-offer', 'sen-funding', 'disagree-with-school', 'inclusion-in-activities',
  'child-views', 'code-of-practice', 'disability-access', 'personal-care', 'who-delivers-support', 'school-action-plus',
  'ehc-timescales', 'appeal-tribunal', 'complaints',
] as const;

/** Local topics: every area pack answers each of these in its own way. */
export const LOCAL_TOPICS = ['liaise-service', 'talk-to-adviser', 'peo', 'lift', 'stls'] as const;

export const ACTION_TOPICS = ['draft-letter', 'greeting', 'thanks', 'goodbye', 'help', 'restart', 'privacy', 'safeguarding-crisis'] as const;

/** Area packs that must exist; `other` serves parents outside them. */
export const REQUIRED_AREAS = ['lincolnshire', 'kent', 'other'] as const;

/** Packs that must hold their own copy of every local topic (`other` uses the national fallback). */
export const LOCAL_PACKS = ['lincolnshire', 'kent'] as const;

/** Topics the "explain my rights" dialog offers; each needs a `rights` block. */
export const RIGHTS_TOPICS = ['school-duties', 'what-is-sen-support', 'ehc-needs-assessment', 'appeal-tribunal', 'complaints'] as const;

/** Letters the draft-letter dialog offers. */
export const LETTER_IDS = ['senco-meeting', 'head-concerns', 'la-ehc-assessment'] as const;

/** Escalation stages the concern walkthrough asks about, in order. */
export const ESCALATION_STAGES = ['not-raised', 'talked-teacher', 'talked-senco', 'met-head', 'cannot-meet-need'] as const;
