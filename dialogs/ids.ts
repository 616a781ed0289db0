/** Every dialog and prompt id in one place. */
export const RIGHTS_DIALOG = 'rightsDialog';
export const CONCERN_DIALOG = 'concernDialog';
export const LETTER_DIALOG = 'letterDialog';
export const HANDOFF_DIALOG = 'handoffDialog';
export const DELETE_DATA_DIALOG = 'deleteDataDialog';

export const CHOICE_PROMPT = 'choicePrompt';
export const TEXT_PROMPT = 'textPrompt';
export const PHONE_PROMPT = 'phonePrompt';
export const EMAIL_PROMPT = 'emailPrompt';
