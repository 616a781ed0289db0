import { relative } from 'node:path';
import { topicIds } from './catalog';
import type { Content } from './loader';
import { PROMPT_KEYS } from './promptKeys';
import { AREA_PLACEHOLDERS, placeholdersIn } from './render';
import { ESCALATION_STAGES, LETTER_IDS, LOCAL_PACKS, LOCAL_TOPICS, NATIONAL_TOPICS, ACTION_TOPICS, REQUIRED_AREAS, RIGHTS_TOPICS } from './requiredTopics';
import { averageSentenceWords, LIMITS, malformedEmails, malformedLinks, malformedPhoneNumbers, plainText, wordCount } from './textRules';
import type { ContentFault, SourceRef, Topic } from './types';

/** Grades text for reading age; injected so the check can use an ESM-only library from CommonJS. */
export type GradeFn = (text: string) => number;

/** Loads the maintained readability library (text-readability is ESM-only, hence the dynamic import). */
export async function loadReadabilityGrader(): Promise<GradeFn> {
  const mod = await import('text-readability');
  return (text) => mod.default.fleschKincaidGrade(text);
}

const normalisePhrase = (s: string) => s.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Cross-file checks on loaded content: ids that must exist, links between files, duplicate phrasings,
 * sources, length, reading level, links and phone numbers. Returns every fault found.
 */
export function validateContent(content: Content, utteranceLines: Map<string, number[]>, grade?: GradeFn): ContentFault[] {
  const faults: ContentFault[] = [];
  const fault = (file: string, line: number, message: string) => faults.push({ file, line, message });
  const ids = new Set(topicIds(content));
  const glossaryIds = new Set(content.glossary.map((g) => g.id));
  const dir = (relative(process.cwd(), content.dir) || content.dir).replace(/\/$/, '');

  for (const area of REQUIRED_AREAS) {
    if (!content.areas.has(area)) fault(`${dir}/areas/${area}/area.yml`, 1, `the area pack "${area}" is missing: create content/areas/${area}/area.yml`);
  }
  for (const id of [...NATIONAL_TOPICS, ...ACTION_TOPICS, ...LOCAL_TOPICS]) {
    if (!content.national.has(id)) fault(`${dir}/topics/${id}.md`, 1, `topic "${id}" is used by the bot but has no national file: create content/topics/${id}.md`);
  }
  for (const area of LOCAL_PACKS) {
    const pack = content.areas.get(area);
    if (!pack) continue;
    for (const id of LOCAL_TOPICS) {
      if (!pack.topics.has(id)) fault(`${dir}/areas/${area}/topics/${id}.md`, 1, `local topic "${id}" is missing from the ${area} pack: create content/areas/${area}/topics/${id}.md`);
    }
  }
  for (const id of RIGHTS_TOPICS) {
    const t = content.national.get(id);
    if (t && !t.rights) fault(t.file, 2, `topic "${id}" is offered by the "explain my rights" dialog and needs a rights: block (must, should, next)`);
  }
  for (const id of LETTER_IDS) {
    if (!content.letters.has(id)) fault(`${dir}/letters/${id}.md`, 1, `letter "${id}" is offered by the letter dialog: create content/letters/${id}.md`);
  }
  const stageIds = new Set(content.escalation.stages.map((s) => s.id));
  for (const id of ESCALATION_STAGES) {
    if (!stageIds.has(id)) fault(`${dir}/escalation.yml`, 1, `escalation stage "${id}" is missing: add it under stages:`);
  }
  for (const s of content.escalation.stages) {
    if (s.next && !stageIds.has(s.next)) fault(`${dir}/escalation.yml`, 1, `stage "${s.id}" says next: ${s.next}, which is not a stage`);
  }
  for (const key of PROMPT_KEYS) {
    if (!(key in content.prompts)) fault(`${dir}/prompts.yml`, 1, `the sentence "${key}" is used by the bot but missing: add it to prompts.yml`);
  }
  for (const key of Object.keys(content.prompts)) {
    if (!(PROMPT_KEYS as readonly string[]).includes(key)) fault(`${dir}/prompts.yml`, 1, `"${key}" is not used by the bot: check the spelling of the key, or remove it`);
  }

  const checkSource = (file: string, line: number, s: SourceRef) => {
    const doc = content.sources[s.doc];
    if (!doc) fault(file, line, `source document "${s.doc}" is not in content/sources.yml: use one of its keys or add it there`);
    else if (doc.needsRef && !s.ref) fault(file, line, `source "${s.doc}" needs a paragraph or section: add ref: (for example "6.45") so parents can find it`);
  };
  const checkText = (file: string, line: number, what: string, text: string, allowedPlaceholders: readonly string[]) => {
    for (const p of malformedPhoneNumbers(text)) fault(file, line, `${what}: "${p}" looks like a phone number but is not a complete UK number; check it against the source`);
    for (const l of malformedLinks(text)) fault(file, line, `${what}: the link "${l}" is not a complete https:// address`);
    for (const e of malformedEmails(text)) fault(file, line, `${what}: "${e}" is not a valid email address`);
    for (const p of placeholdersIn(text)) {
      if (!allowedPlaceholders.includes(p)) fault(file, line, `${what}: unknown placeholder {${p}}; allowed here: ${allowedPlaceholders.map((a) => `{${a}}`).join(', ') || 'none'}`);
    }
    if (/<\/?[a-z][^>]*>/i.test(text)) fault(file, line, `${what}: HTML is not allowed; use plain text or Markdown`);
  };

  const phraseOwner = new Map<string, { id: string; file: string; line: number }>();
  const topics: Topic[] = [...content.national.values(), ...[...content.areas.values()].flatMap((a) => [...a.topics.values()])];
  for (const t of topics) {
    const lines = utteranceLines.get(t.file) ?? [];
    t.utterances.forEach((u, i) => {
      const key = normalisePhrase(u);
      const owner = phraseOwner.get(key);
      if (owner && owner.id !== t.id) {
        fault(t.file, lines[i] ?? 2, `the phrasing "${u}" is also used by topic "${owner.id}" (${owner.file}:${owner.line}): a phrasing can train only one topic, so reword or remove one`);
      } else if (!owner) {
        phraseOwner.set(key, { id: t.id, file: t.file, line: lines[i] ?? 2 });
      }
    });
    for (const r of t.related) if (!ids.has(r)) fault(t.file, 2, `related topic "${r}" does not exist: use an existing topic id`);
    for (const term of t.terms) if (!glossaryIds.has(term)) fault(t.file, 2, `term "${term}" is not in content/glossary.yml: add it there or remove it from terms`);
    if ((t.kind === 'knowledge' || t.kind === 'local') && t.sources.length === 0) fault(t.file, 2, 'an answer must name its sources: add at least one under sources:');
    for (const s of t.sources) checkSource(t.file, 2, s);
    if (t.rights) for (const item of [...t.rights.must, ...t.rights.should]) checkSource(t.file, 2, item.source);
    checkText(t.file, 2, 'Answer', t.answer, AREA_PLACEHOLDERS);
    checkText(t.file, 2, 'More', t.more, AREA_PLACEHOLDERS);
    if (t.kind === 'knowledge' || t.kind === 'local') {
      const aw = wordCount(t.answer);
      const mw = wordCount(t.more);
      if (aw < LIMITS.answerWords.min || aw > LIMITS.answerWords.max) fault(t.file, 2, `the Answer has ${aw} words; keep it between ${LIMITS.answerWords.min} and ${LIMITS.answerWords.max} (move detail into "## More")`);
      if (mw < LIMITS.moreWords.min || mw > LIMITS.moreWords.max) fault(t.file, 2, `the More section has ${mw} words; keep it between ${LIMITS.moreWords.min} and ${LIMITS.moreWords.max}`);
      for (const [what, text] of [['Answer', t.answer], ['More', t.more]] as const) {
        const avg = averageSentenceWords(text);
        if (avg > LIMITS.averageSentenceWords) fault(t.file, 2, `${what}: sentences average ${avg.toFixed(1)} words; keep them under ${LIMITS.averageSentenceWords} by splitting long sentences`);
      }
      if (grade) {
        const g = grade(plainText(t.answer));
        if (g > LIMITS.answerGrade) fault(t.file, 2, `the Answer reads at school grade ${g.toFixed(1)} (Flesch-Kincaid); aim for ${LIMITS.answerGrade} or below with shorter sentences and everyday words`);
      }
    }
  }

  const aliasOwner = new Map<string, string>();
  const seenGlossary = new Set<string>();
  for (const g of content.glossary) {
    if (seenGlossary.has(g.id)) fault(`${dir}/glossary.yml`, 1, `glossary id "${g.id}" appears twice`);
    seenGlossary.add(g.id);
    for (const name of [g.term, ...g.aliases]) {
      const key = normalisePhrase(name);
      const owner = aliasOwner.get(key);
      if (owner && owner !== g.id) fault(`${dir}/glossary.yml`, 1, `"${name}" names both "${owner}" and "${g.id}": a word can mean only one glossary entry`);
      aliasOwner.set(key, g.id);
    }
    if (g.related && !ids.has(g.related)) fault(`${dir}/glossary.yml`, 1, `glossary "${g.id}" links to topic "${g.related}", which does not exist`);
    for (const s of g.sources) checkSource(`${dir}/glossary.yml`, 1, s);
    checkText(`${dir}/glossary.yml`, 1, `glossary "${g.id}"`, g.meaning, []);
  }
  for (const area of content.areas.values()) {
    const file = `${dir}/areas/${area.id}/area.yml`;
    if (area.service.phone && malformedPhoneNumbers(area.service.phone).length) fault(file, 1, `service.phone "${area.service.phone}" is not a complete UK number`);
    if (area.service.phone && !/^0\d[\d ]{8,12}$/.test(area.service.phone)) fault(file, 1, `service.phone "${area.service.phone}" should be written like 0800 195 1635`);
    checkText(file, 1, 'service.contact', area.service.contact, []);
    checkText(file, 1, 'localOffer', area.localOffer, []);
  }
  for (const stage of content.escalation.stages) {
    checkText(`${dir}/escalation.yml`, 1, `stage "${stage.id}"`, stage.step, AREA_PLACEHOLDERS);
    for (const r of stage.rights) checkSource(`${dir}/escalation.yml`, 1, r.source);
  }
  for (const [areaId, notes] of Object.entries(content.escalation.areaNotes)) {
    if (!content.areas.has(areaId)) fault(`${dir}/escalation.yml`, 1, `areaNotes names area "${areaId}", which has no pack`);
    for (const [stage, text] of Object.entries(notes)) {
      if (!stageIds.has(stage)) fault(`${dir}/escalation.yml`, 1, `areaNotes.${areaId} names stage "${stage}", which does not exist`);
      checkText(`${dir}/escalation.yml`, 1, `areaNotes.${areaId}.${stage}`, text, AREA_PLACEHOLDERS);
    }
  }
  for (const letter of content.letters.values()) {
    const file = `${dir}/letters/${letter.id}.md`;
    const keys = letter.questions.map((q) => q.key);
    checkText(file, 1, 'letter', letter.body, [...keys, ...AREA_PLACEHOLDERS, 'date']);
    for (const s of letter.sources) checkSource(file, 1, s);
    if (!/draft/i.test(letter.body.split('\n').slice(0, 3).join(' '))) fault(file, 1, 'a letter must start by saying it is a DRAFT for the parent to check');
  }
  return faults;
}
