import { ComponentDialog, DialogTurnResult, FoundChoice, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { areaOf } from './areaOf';
import { CHOICE_PROMPT, CONCERN_DIALOG, HANDOFF_DIALOG, LETTER_DIALOG } from './ids';
import { choicePrompt, createChoicePrompt } from './prompting';
import { bullets, markdown } from './replies';
import type { DialogServices } from './services';

export interface ConcernOptions {
  stage?: string;
}

/** Which letter fits best at each stage of raising a concern. */
const LETTER_FOR_STAGE: Record<string, string> = {
  'not-raised': 'senco-meeting',
  'talked-teacher': 'senco-meeting',
  'talked-senco': 'head-concerns',
  'met-head': 'la-ehc-assessment',
  'cannot-meet-need': 'la-ehc-assessment',
};

const WATERFALL = 'concernWaterfall';

interface StepValues {
  stage?: string;
  next?: string;
  choices?: string[];
}
const valuesOf = (step: WaterfallStepContext) => step.values as StepValues;

/**
 * Walks a worried parent through raising a concern: finds where they are up to, gives the next step
 * with what to bring, the rights behind it and local help, then offers the step after, a letter or a person.
 */
export class ConcernDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(CONCERN_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE_PROMPT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.askStageStep.bind(this), this.giveStepStep.bind(this), this.routeStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async askStageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ConcernOptions;
    const stages = this.services.knowledge.escalationStages();
    if (options.stage && stages.some((s) => s.id === options.stage)) return step.next({ index: stages.findIndex((s) => s.id === options.stage) });
    const area = await areaOf(step.context, this.services);
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, this.services.knowledge.prompt('concern.ask-stage', area), stages.map((s) => s.choice), `${this.services.knowledge.prompt('common.choose-retry', area)}\n\n${this.services.knowledge.prompt('concern.ask-stage', area)}`));
  }

  private async giveStepStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const area = await areaOf(step.context, this.services);
    const stage = k.escalationStages()[(step.result as FoundChoice).index];
    const detail = stage ? k.escalationStep(stage.id, area) : undefined;
    if (!stage || !detail) return step.endDialog();
    valuesOf(step).stage = stage.id;
    valuesOf(step).next = detail.next;
    const parts = [detail.step];
    if (detail.note) parts.push(detail.note);
    if (detail.bring.length) parts.push(k.prompt('concern.bring-heading', area), bullets(detail.bring));
    if (detail.rights.length) parts.push(k.prompt('concern.rights-heading', area), bullets(detail.rights));
    await step.context.sendActivity(markdown(parts.join('\n\n')));
    const choices = [
      ...(detail.next ? [k.prompt('concern.button-next', area)] : []),
      k.prompt('concern.button-letter', area),
      k.prompt('common.person', area),
      k.prompt('common.done', area),
    ];
    valuesOf(step).choices = choices;
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, k.prompt('concern.what-next', area), choices, `${k.prompt('common.choose-retry', area)}\n\n${k.prompt('concern.what-next', area)}`));
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const area = await areaOf(step.context, this.services);
    const picked = (valuesOf(step).choices ?? [])[(step.result as FoundChoice).index];
    if (picked === k.prompt('concern.button-next', area) && valuesOf(step).next) return step.replaceDialog(CONCERN_DIALOG, { stage: valuesOf(step).next });
    if (picked === k.prompt('concern.button-letter', area)) return step.replaceDialog(LETTER_DIALOG, { letterId: LETTER_FOR_STAGE[valuesOf(step).stage ?? ''] });
    if (picked === k.prompt('common.person', area)) return step.replaceDialog(HANDOFF_DIALOG, { reason: 'concern-walkthrough' });
    await step.context.sendActivity(k.prompt('concern.end', area));
    return step.endDialog();
  }
}
