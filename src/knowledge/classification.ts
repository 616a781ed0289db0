/** What the matcher decided about one message; the matching module produces it, dialogs consume it. */
export interface Classification {
  decision: 'answer' | 'clarify' | 'fallback';
  intent: string | null;
  confidence: number;
  alternatives: Array<{ intent: string; confidence: number }>;
}

export interface Classifier {
  classify(text: string): Classification;
}
