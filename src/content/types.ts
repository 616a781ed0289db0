/** The knowledge base as the rest of the bot sees it. Content files are described in content/README.md. */

export type TopicKind = 'knowledge' | 'local' | 'action' | 'conversation' | 'safety';

export interface SourceRef {
  doc: string;
  ref?: string;
}

export interface RightsItem {
  text: string;
  source: SourceRef;
}

export interface Rights {
  must: RightsItem[];
  should: RightsItem[];
  next: string[];
}

export interface Topic {
  id: string;
  title: string;
  kind: TopicKind;
  utterances: string[];
  sources: SourceRef[];
  related: string[];
  terms: string[];
  reviewed: string;
  owner: string;
  answer: string;
  more: string;
  rights?: Rights;
  /** Where it came from, for error messages. */
  file: string;
  /** The area pack that holds it, or undefined for a national topic. */
  area?: string;
}

export interface ServiceInfo {
  name: string;
  fullName: string;
  phone?: string;
  email?: string;
  website?: string;
  address?: string;
  contact: string;
}

export interface OpeningSlot {
  days: Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>;
  open: string;
  close: string;
}

export interface AreaPack {
  id: string;
  name: string;
  places: string[];
  service: ServiceInfo;
  localOffer: string;
  openingHours: OpeningSlot[];
  topics: Map<string, Topic>;
}

export interface GlossaryEntry {
  id: string;
  term: string;
  aliases: string[];
  meaning: string;
  sources: SourceRef[];
  related?: string;
}

export interface SourceDoc {
  title: string;
  cite?: string;
  needsRef: boolean;
  url?: string;
}

export interface EscalationStage {
  id: string;
  choice: string;
  step: string;
  bring: string[];
  rights: RightsItem[];
  next?: string;
}

export interface Escalation {
  stages: EscalationStage[];
  areaNotes: Record<string, Record<string, string>>;
}

export interface LetterQuestion {
  key: string;
  ask: string;
  /** How a skipped answer shows in the letter, e.g. "your child's name". */
  label?: string;
}

export interface LetterTemplate {
  id: string;
  title: string;
  questions: LetterQuestion[];
  sources: SourceRef[];
  body: string;
}


/** A content fault with where it is, as content:check prints it. */
export interface ContentFault {
  file: string;
  line: number;
  message: string;
}
