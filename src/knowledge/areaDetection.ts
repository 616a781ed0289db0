import type { AreaPack } from '../content/types';

/** What a parent said about where they live. `areaId` is a pack id, or 'other' for anywhere else. */
export interface AreaStatement {
  areaId: string;
  place: string;
  /** True when the message says nothing but the place, so there is no question to answer. */
  onlyArea: boolean;
}

const RESIDENCE_CUE = /\b(?:i|we|me|family)\s*(?:'?m|am|are|'?re)?\s*(?:now\s+)?(?:live|living|lives|based|moved|moving|are|'re|am|'m)?\s*(?:in|to|near)\s+([a-z][a-z' -]{1,40})/i;
const COUNCIL_CUE = /\b(?:my|our)\s+(?:council|local authority|la|area)\s+(?:is|=)\s+([a-z][a-z' -]{1,40})/i;
const UNKNOWN_PLACE = /\b(?:i|we)\s*(?:'?m|am|are|'?re)?\s*(?:live|living|based)\s+in\s+([A-Za-z][\w'-]+(?:\s+[A-Za-z][\w'-]+)?)/i;
/** Words that can sit around a place name in a message that only says where the parent lives. */
const FILLER_WORDS = new Set(
  "i we im i'm me my our us family live lives living based in from at near to moved moving am are re m is s the county council area local authority la please thanks thank you actually now sorry its it's it yes yeah ok okay".split(' '),
);

const norm = (s: string) => ` ${s.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim()} `;

/** Each pack's place names, normalised once (this runs on every message). */
const normalisedPlaces = new WeakMap<AreaPack, Array<{ place: string; normalised: string }>>();
function placesOf(area: AreaPack): Array<{ place: string; normalised: string }> {
  let places = normalisedPlaces.get(area);
  if (!places) {
    places = [area.name, ...area.places].map((place) => ({ place, normalised: norm(place) })).filter((p) => p.normalised.trim().length >= 3);
    normalisedPlaces.set(area, places);
  }
  return places;
}

/**
 * Finds a statement of where the parent lives ("I live in Kent", "we're in Grantham", "Kent").
 * The longest matching place wins, so "north lincolnshire" (a different council) beats "lincolnshire".
 */
export function detectArea(text: string, areas: Iterable<AreaPack>): AreaStatement | undefined {
  const message = norm(text);
  const words = message.trim().split(' ').filter(Boolean);
  let best: { areaId: string; place: string; normalised: string } | undefined;
  for (const area of areas) {
    for (const { place, normalised } of placesOf(area)) {
      if (message.includes(normalised) && (!best || normalised.length > best.normalised.length)) best = { areaId: area.id, place: place.toLowerCase(), normalised };
    }
  }
  const cue = RESIDENCE_CUE.test(text) || COUNCIL_CUE.test(text);
  if (best) {
    const rest = message.replace(best.normalised, ' ').trim().split(' ').filter((w) => w && !FILLER_WORDS.has(w));
    const onlyArea = rest.length === 0;
    if (cue || onlyArea || words.length <= 3) return { areaId: best.areaId, place: best.place, onlyArea };
    return undefined;
  }
  const unknown = UNKNOWN_PLACE.exec(text);
  if (unknown && /^[A-Z]/.test(unknown[1])) {
    return { areaId: 'other', place: unknown[1].toLowerCase(), onlyArea: words.length <= 6 };
  }
  return undefined;
}
