import { ComponentDialog, DialogTurnResult, FoundChoice, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { newReference } from '../src/util/reference';
import { areaOf } from './areaOf';
import { CHOICE_PROMPT, DELETE_DATA_DIALOG } from './ids';
import { choicePrompt, createChoicePrompt } from './prompting';
import type { DialogServices } from './services';

const WATERFALL = 'deleteDataWaterfall';

/** Confirms, then erases what the bot kept about this conversation ("delete my data"). */
export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(createChoicePrompt(CHOICE_PROMPT));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.confirmStep.bind(this), this.eraseStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const area = await areaOf(step.context, this.services);
    return step.prompt(CHOICE_PROMPT, choicePrompt(step.context, k.prompt('privacy.ask-delete', area), [k.prompt('common.yes', area), k.prompt('common.no', area)]));
  }

  private async eraseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const k = this.services.knowledge;
    const area = await areaOf(step.context, this.services);
    if ((step.result as FoundChoice).index !== 0) {
      await step.context.sendActivity(k.prompt('privacy.kept', area));
      return step.endDialog();
    }
    const result = await step.endDialog();
    try {
      await this.services.eraser.erase(step.context);
      await step.context.sendActivity(k.prompt('privacy.deleted', k.defaultArea));
    } catch (err) {
      const code = newReference();
      this.services.logger.error({ reference: code, err: { message: (err as Error).message } }, 'delete my data failed');
      await step.context.sendActivity(k.prompt('privacy.delete-failed', area, { code }));
    }
    return result;
  }
}
