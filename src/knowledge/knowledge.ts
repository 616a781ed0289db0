import { areaFor, citeSource, findGlossaryEntry, topicFor } from '../content/catalog';
import type { ContentStore } from '../content/contentStore';
import type { Content } from '../content/loader';
import type { PromptKey } from '../content/promptKeys';
import { areaVariables, escapeMarkdown, fill, linkGlossaryTerms, placeholdersIn } from '../content/render';
import { RIGHTS_TOPICS } from '../content/requiredTopics';
import type { AreaPack, GlossaryEntry, LetterTemplate, Rights, Topic } from '../content/types';
import { AreaStatement, detectArea } from './areaDetection';
import type { Classification, Classifier } from './classification';
import { isOpenAt } from './openingHours';

/** An answer ready to show: text filled in for the parent's area, with its sources and follow-ups. */
export interface AnswerView {
  topicId: string;
  title: string;
  kind: Topic['kind'];
  text: string;
  more: string;
  sources: string[];
  related: Array<{ id: string; title: string }>;
  /** True when the text changes with the parent's area, so the bot says which area it used. */
  dependsOnArea: boolean;
  rights?: RightsView;
}

export interface RightsView {
  title: string;
  must: string[];
  should: string[];
  next: string[];
}

/** Topics whose answers lead into the concern walkthrough. */
export const CONCERN_ENTRY_TOPICS = ['raising-a-concern', 'disagree-with-school'] as const;

export interface KnowledgeOptions {
  defaultArea: string;
  /** Absolute or root-relative URL of the glossary page, for term links; undefined = no links. */
  glossaryUrl?: string;
  createClassifier: (content: Content) => Classifier;
}

const GLOSSARY_QUESTION = /^(?:(?:what|wat|wot)\s+(?:does|do|dose)\s+(?:the\s+)?(?:word\s+|term\s+)?["']?(.+?)["']?\s+(?:mean|stand for)|(?:meaning of|define|definition of)\s+["']?(.+?)["']?)\s*\??$/i;
const WHAT_IS = /^(?:(?:what|wat|wot)(?:'s|s| is| are)|whats|who is|who's)\s+(?:an?\s+|the\s+)?["']?(.+?)["']?\s*\??$/i;

/**
 * The bot's view of the knowledge base: classify, answer, explain words, fill prompts. Pure (no
 * botbuilder), and rebuilt whenever the content store swaps in new content.
 */
export class Knowledge {
  private classifier: Classifier;

  constructor(private readonly store: ContentStore, private readonly options: KnowledgeOptions) {
    this.classifier = options.createClassifier(store.content);
    store.onChange((c) => {
      this.classifier = options.createClassifier(c);
    });
  }

  get content(): Content {
    return this.store.content;
  }

  get defaultArea(): string {
    return this.options.defaultArea;
  }

  classify(text: string): Classification {
    return this.classifier.classify(text);
  }

  area(areaId: string | undefined): AreaPack {
    return areaFor(this.content, areaId ?? this.options.defaultArea);
  }

  detectArea(text: string): AreaStatement | undefined {
    return detectArea(text, this.content.areas.values());
  }

  /** true/false when the area pack gives opening hours; undefined when it does not. */
  isServiceOpen(areaId: string | undefined, now = new Date()): boolean | undefined {
    return isOpenAt(this.area(areaId).openingHours, now);
  }

  topicTitle(id: string, areaId?: string): string {
    return topicFor(this.content, id, areaId ?? this.options.defaultArea)?.title ?? id;
  }

  hasTopic(id: string): boolean {
    return Boolean(topicFor(this.content, id, this.options.defaultArea));
  }

  /** A dialog sentence from prompts.yml with the area's service details and `vars` filled in. */
  prompt(key: PromptKey, areaId: string | undefined, vars: Record<string, string | number | undefined> = {}): string {
    const text = this.content.prompts[key] ?? key;
    return fill(text, { ...areaVariables(this.area(areaId)), ...vars }).trim();
  }

  /** Rendered answers for the live content, by area and topic; dropped when content changes. */
  private readonly answers = new Map<string, AnswerView | undefined>();

  /** The answer to a topic for an area, ready to show (rendered once per content revision). */
  answer(topicId: string, areaId: string | undefined): AnswerView | undefined {
    const key = `${this.content.revision}|${areaId ?? this.options.defaultArea}|${topicId}`;
    if (!this.answers.has(key)) {
      if (this.answers.size > 2000) this.answers.clear();
      this.answers.set(key, this.renderAnswer(topicId, areaId));
    }
    return this.answers.get(key);
  }

  private renderAnswer(topicId: string, areaId: string | undefined): AnswerView | undefined {
    const area = this.area(areaId);
    const topic = topicFor(this.content, topicId, area.id);
    if (!topic) return undefined;
    const vars = areaVariables(area);
    const terms = topic.terms.map((t) => this.content.glossary.find((g) => g.id === t)).filter((g): g is GlossaryEntry => Boolean(g));
    const render = (md: string) => linkGlossaryTerms(fill(md, vars), terms, this.options.glossaryUrl);
    const dependsOnArea = Boolean(topic.area) || placeholdersIn(topic.answer + topic.more).some((p) => p in vars);
    return {
      topicId: topic.id,
      title: topic.title,
      kind: topic.kind,
      text: render(topic.answer),
      more: render(topic.more),
      sources: topic.sources.map((s) => citeSource(this.content, s)),
      related: topic.related.filter((id) => this.hasTopic(id)).map((id) => ({ id, title: this.topicTitle(id, area.id) })),
      dependsOnArea,
      rights: topic.rights ? this.rightsView(topic.title, topic.rights, area) : undefined,
    };
  }

  /** Topics the rights dialog can explain, with their titles. */
  rightsTopics(areaId?: string): Array<{ id: string; title: string }> {
    return RIGHTS_TOPICS.filter((id) => this.answer(id, areaId)?.rights).map((id) => ({ id, title: this.topicTitle(id, areaId) }));
  }

  private rightsView(title: string, rights: Rights, area: AreaPack): RightsView {
    const vars = areaVariables(area);
    const cite = (item: Rights['must'][number]) => `${fill(item.text, vars)} _(${citeSource(this.content, item.source)})_`;
    return { title, must: rights.must.map(cite), should: rights.should.map(cite), next: rights.next.map((n) => fill(n, vars)) };
  }

  /** Answers "what does X mean" from the glossary; `strict` needs the words "mean"/"define". */
  explainTerm(text: string, strict: boolean): GlossaryEntry | undefined {
    const trimmed = text.trim();
    const m = GLOSSARY_QUESTION.exec(trimmed) ?? (strict ? null : WHAT_IS.exec(trimmed));
    const phrase = m ? (m[1] ?? m[2]) : strict ? undefined : trimmed.replace(/\?+$/, '');
    return phrase ? findGlossaryEntry(this.content.glossary, phrase) : undefined;
  }

  glossaryText(entry: GlossaryEntry, areaId: string | undefined): string {
    return `**${entry.term}**: ${fill(entry.meaning, areaVariables(this.area(areaId)))}`;
  }

  letter(id: string): LetterTemplate | undefined {
    return this.content.letters.get(id);
  }

  letters(): LetterTemplate[] {
    return [...this.content.letters.values()];
  }

  /** Fills a letter; a skipped answer becomes a bracketed gap the parent can see and fill. */
  renderLetter(letter: LetterTemplate, answers: Record<string, string | undefined>, areaId: string | undefined, options: { markdown?: boolean } = {}): string {
    const vars: Record<string, string> = { ...areaVariables(this.area(areaId)), date: new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) };
    for (const q of letter.questions) {
      const given = answers[q.key]?.trim();
      // In a Markdown reply the parent's words are escaped, so they show exactly as typed.
      vars[q.key] = given ? (options.markdown ? escapeMarkdown(given) : given) : `[${q.label ?? q.ask.replace(/\?$/, '')}]`;
    }
    return fill(letter.body, vars);
  }

  escalationStages(): Content['escalation']['stages'] {
    return this.content.escalation.stages;
  }

  escalationStep(stageId: string, areaId: string | undefined): { step: string; bring: string[]; rights: string[]; note?: string; next?: string } | undefined {
    const stage = this.content.escalation.stages.find((s) => s.id === stageId);
    if (!stage) return undefined;
    const area = this.area(areaId);
    const vars = areaVariables(area);
    const note = this.content.escalation.areaNotes[area.id]?.[stage.id];
    return {
      step: fill(stage.step, vars).trim(),
      bring: stage.bring.map((b) => fill(b, vars)),
      rights: stage.rights.map((r) => `${fill(r.text, vars)} _(${citeSource(this.content, r.source)})_`),
      note: note ? fill(note, vars).trim() : undefined,
      next: stage.next,
    };
  }
}
