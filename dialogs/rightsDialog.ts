import { ComponentDialog, FoundChoice, WaterfallDialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { areaOf } from './areaOf';
import { CHOICE_PROMPT, CONCERN_DIALOG, HANDOFF_DIALOG, RIGHTS_DIALOG } from './ids';
import { choicePrompt, createChoicePrompt } from './prompting';
import { bullets, markdown } from './replies';
import type { DialogServices } from './services';

export interface RightsOptions {
  topicId?: string;
}

const WATERFALL = 'rightsWaterfall';

interface StepValues {
  topics?: Array<{ id: string; title: string }>;
  followUps?: string[];
}
const valuesOf = (step: WaterfallStepContext) => step.values as StepValues;

/**
 * "Explain my rights": what the school or council must do (law) and should do (guidance), each with
 * the paragraph or section behind it, then what the parent can do next.
 */
export class RightsDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(RIGHTS_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE_PROMPT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.chooseTopicStep.bind(this), this.explainStep.bind(this), this.followUpStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async chooseTopicStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as RightsOptions;
    const area = await areaOf(step.context, this.services);
    const topics = this.services.knowledge.rightsTopics(area);
    valuesOf(step).topics = topics;
    if (options.topicId && topics.some((t) => t.id === options.topicId)) return step.next({ index: topics.findIndex((t) => t.id === options.topicId) });
    const k = this.services.knowledge;
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, k.prompt('rights.ask-which', area), topics.map((t) => t.title)));
  }

  private async explainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const area = await areaOf(step.context, this.services);
    const topics = valuesOf(step).topics ?? [];
    const chosen = topics[(step.result as FoundChoice).index];
    const rights = chosen ? k.answer(chosen.id, area)?.rights : undefined;
    if (rights) {
      const parts = [`**${rights.title}**`];
      if (rights.must.length) parts.push(k.prompt('rights.must-heading', area), bullets(rights.must));
      if (rights.should.length) parts.push(k.prompt('rights.should-heading', area), bullets(rights.should));
      if (rights.next.length) parts.push(k.prompt('rights.next-heading', area), bullets(rights.next));
      await step.context.sendActivity(markdown(parts.join('\n\n')));
    }
    const choices = [k.prompt('answer.concern-button', area), k.prompt('common.person', area), k.prompt('common.done', area)];
    valuesOf(step).followUps = choices;
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, k.prompt('rights.follow-up', area), choices));
  }

  private async followUpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const index = (step.result as FoundChoice).index;
    if (index === 0) return step.replaceDialog(CONCERN_DIALOG, {});
    if (index === 1) return step.replaceDialog(HANDOFF_DIALOG, { reason: 'asked' });
    const area = await areaOf(step.context, this.services);
    await step.context.sendActivity(this.services.knowledge.prompt('answer.feedback-thanks', area));
    return step.endDialog();
  }
}
