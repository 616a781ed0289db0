/**
 * Bounded Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute,
 * swap two neighbours). Gives up early once every path exceeds `limit`, which keeps typo repair
 * cheap: most vocabulary words are rejected after a row or two.
 */

/**
 * The distance between `a` and `b`, or `limit + 1` when it is larger than `limit`.
 *
 * @example boundedEditDistance('catagory', 'category', 2) // 1
 * @example boundedEditDistance('school', 'council', 1)    // 2 (over the limit)
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  // Three rolling rows: two rows back (for swaps), previous, current.
  let twoBack = new Uint16Array(width);
  let previous = new Uint16Array(width);
  let current = new Uint16Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        best = Math.min(best, (twoBack[j - 2] as number) + 1);
      }
      current[j] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (rowMinimum > limit) return limit + 1;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  const distance = previous[b.length] as number;
  return distance > limit ? limit + 1 : distance;
}
