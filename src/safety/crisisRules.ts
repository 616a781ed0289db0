/**
 * The safeguarding rule table used by `checkForCrisis`.
 *
 * Patterns run on text prepared by `prepareForCrisisCheck` (lower case, apostrophes removed,
 * contractions and text-speak unified: "can't" -> "cant", "wants 2" -> "wants to", "i'm" -> "im").
 * Recall comes before precision: when in doubt a rule fires. Ordinary worries are kept out by
 * (a) stripping figurative idioms before matching and (b) per-rule `unless` checks and negation.
 */

/** The kinds of risk the bot signposts differently. */
export type CrisisCategory = 'suicide-self-harm' | 'abuse' | 'immediate-danger' | 'missing' | 'parent-distress' | 'possible-risk';

/** One detection rule. */
export interface CrisisRule {
  category: CrisisCategory;
  /** Fires when this matches the prepared text. */
  pattern: RegExp;
  /** Suppresses this rule when it matches the text around the hit (accidents, figurative use). */
  unless?: RegExp;
  /** When true, a negator just before the hit ("never", "not", "no signs of") suppresses it. */
  negatable?: boolean;
  /** When set, the rule only fires if this also matches somewhere in the message (context). */
  requires?: RegExp;
}

// Shared word lists, kept as regex fragments so the rules below stay readable.
const SELF = '(?:him|her|my|them|your|our|one|their)sel(?:f|ves)';
const CHILD = '(?:son|daughter|child|children|kid|kids|boy|girl|baby|little one|ds|dd|dc|lad)';
const ADULT =
  '(?:partner|husband|wife|boyfriend|girlfriend|ex|ex husband|ex wife|ex partner|dad|father|stepdad|step dad|stepfather|step father|mum|mother|stepmum|step mum|uncle|aunt|grandad|grandpa|nan|teacher|ta|coach|man|woman|adult|stranger|someone|somebody|neighbour|carer|babysitter|brother|sister|cousin|he|she|they)';
const VICTIM = `(?:me|us|them|him|her(?!\\s+(?:own\\s+)?(?:hand|leg|arm|knee|ankle|foot|feet|head|back|wrist|finger|toe|neck|shoulder|elbow|hip|face|nose|tooth|teeth|lip|eye)s?\\b)|(?:my|the|our|his|their)\\s+${CHILD}|my\\s+\\w+\\s+${CHILD})\\b`;
const VIOLENT_VERB =
  '(?:throw|throws|threw|thrown|throwing|flung|fling|shook|shake|shakes|shaking|hurt|hurts|hurting|hit|hits|hitting|beat|beats|beating|beaten|punch|punches|punched|punching|kick|kicks|kicked|kicking|slap|slaps|slapped|slapping|strangle\\w*|choke\\w*|chok\\w+|throttl\\w+|burn|burned|burnt|burns|grab|grabbed|grabs|drag|dragged|drags|shove\\w*|push|pushed|pushes|smack\\w*|bit|bites|stab\\w*|attack\\w*|assault\\w*|batter\\w*)';
const PILLS = '(?:pills|tablets|paracetamol|ibuprofen|painkillers|meds|medication|medicine|sleeping pills|antidepressants|melatonin|co-?codamol|codeine|methylphenidate|ritalin|concerta|elvanse|sertraline|fluoxetine|insulin|aspirin|calpol)';
/** Accident and play contexts that turn "hurt himself" or "cut her arm" into an ordinary worry. */
const ACCIDENT =
  '(?:fall|fell|falling|tripped|trip|slipped|by accident|accident\\w*|playing|in pe|at pe|at football|at rugby|on the (?:climbing frame|trampoline|stairs|fence|bike|scooter)|in the playground|at play\\s?time|at break|on a nail|on glass|with scissors|cooking|sport|match)';

/**
 * Ordered: the first rule that fires names the category. Suicide and self-harm come first
 * because those answers carry the most urgent signposting.
 */
export const CRISIS_RULES: readonly CrisisRule[] = [
  // --- the parent's own distress or suicidal thoughts (first person) ---
  { category: 'parent-distress', pattern: /\b(?:kill|killing|end|ending|hurt|hurting|harm|harming)\s+myself\b/ },
  { category: 'parent-distress', pattern: /\b(?:i|im|i am)\s+(?:feel\w*\s+)?(?:so\s+)?suicidal\b/, negatable: true },
  { category: 'parent-distress', pattern: /\bi\s+(?:just\s+)?(?:want|wanna|wish)\s+(?:to\s+)?(?:die|be dead|was dead|were dead|not be here|disappear forever)\b/ },
  { category: 'parent-distress', pattern: /\bi\s+(?:just\s+)?(?:dont|do not)\s+want\s+to\s+(?:be here|live|be alive|exist|wake up)\b/ },
  { category: 'parent-distress', pattern: /\b(?:i|we)\s+(?:just\s+)?(?:cant|can not|cannot)\s+(?:go on|carry on|live like this|keep going)\b/ },
  { category: 'parent-distress', pattern: /\bi\s+(?:just\s+)?(?:cant|can not|cannot)\s+(?:cope|do this|take (?:it|this)|deal with (?:it|this))\s+(?:any\s?more|no more|any longer)\b/ },
  { category: 'parent-distress', pattern: /\b(?:ending|end)\s+it\s+all\b/ },
  { category: 'parent-distress', pattern: /\b(?:better off|be better)\s+without\s+me\b/ },
  { category: 'parent-distress', pattern: /\bno\s+(?:reason|point)\s+(?:(?:to|in)\s+)?(?:live|living|going on|carrying on|being here)\b/ },
  { category: 'parent-distress', pattern: /\bi\s+(?:just\s+)?(?:want|wanna)\s+(?:to\s+)?disappear\b/ },
  { category: 'parent-distress', pattern: /\b(?:im|i)\s+(?:going to|gonna|want to|will|might|could|am going to)\s+end\s+it\b(?!\s+(?:with|for|by|early|there|here))/ },
  {
    category: 'parent-distress',
    pattern: new RegExp(`\\b(?:i|im|i am)\\s+(?:\\w+\\s+){0,3}(?:might|could|will|going to|gonna|scared (?:i|ill|i will|i might)|afraid (?:i|ill|i will|i might))\\s+(?:\\w+\\s+)?(?:hurt|harm|hit|shake|kill|lose it with)\\s+(?:my|the|him|her|them)\\b`),
    unless: /\bcould (?:kill|murder|strangle)\b|\bhurt\s+(?:his|her|their|my|your)\s+feelings\b/,
  },

  // Broader wordings of a parent at breaking point.
  {
    category: 'parent-distress',
    pattern: /\b(?:scared|afraid|frightened|terrified|worried|frighten(?:s|ed)? me)\s+(?:that\s+)?(?:i|ill|i will|i might|i could|id|i would|im going to|im gonna)\s+(?:\w+\s+)?(?:hurt|harm|hit|shake|kill|smother|lose it with|lash out at|snap and hurt)\s+(?:him|her|them|my|the|one of)\b/,
    unless: /\bhurt\s+(?:his|her|their|my)\s+feelings\b/,
  },
  { category: 'parent-distress', pattern: /\b(?:drive|driving|drove|steer\w*|crash\w*)\s+(?:the car\s+|my car\s+)?(?:into|off)\s+(?:a|the)\s+(?:\w+\s+)?(?:wall|tree|bridge|cliff|lorry|river|motorway|train)\b/ },
  { category: 'parent-distress', pattern: /\b(?:i|im|i am|ive)\s+(?:\w+\s+){0,3}(?:at|reached)\s+(?:the\s+)?(?:end of my rope|point of no return)\b.{0,60}\b(?:die|dead|kill|hurt|end it|tablets|pills)\b/ },

  // --- a child or another person: suicide and self-harm ---
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b(?:kill|killing|killed|kills|unalive|unaliving|hang|hanging|hanged|hangs|end|ending|ends|starv\\w*|strangl\\w*|choke|choking)\\s+${SELF}\\b`) },
  { category: 'suicide-self-harm', pattern: /\bkms\b/ },
  { category: 'suicide-self-harm', pattern: /\bsuicid\w*/, negatable: true },
  { category: 'suicide-self-harm', pattern: /\bself\s?(?:harm\w*|injur\w*|destruct\w*)/, negatable: true, unless: /\b(?:a couple of years|years|a year|\w+ months)\s+ago\b.{0,80}\b(?:doing (?:really |so )?well|much better|stable|no problems)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:over\s?dose\w*|od(?:ed|ded|'d)|(?:an|took|taken|taking|done) od|od(?:ing)? on (?:pills|tablets|paracetamol|meds|medication|drugs)|took (?:too many|a load of|loads of|all (?:his|her|my|the)) (?:pills|tablets|paracetamol|meds|medication))\b/, unless: /\bcan (?:you|kids|children|he|she|a child) (?:over\s?dose|od) on\b|\boverdose\s+of\s+(?:meetings|information|info|paperwork|emails|forms|sugar|screen time|homework|reports|jargon|acronyms|advice|appointments)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:wants?|wanted|wanting|wanna|wishes|wished|wish)\s+(?:to\s+)?(?:(?:he|she|they|i)\s+)?(?:die|be dead|was dead|were dead|had never been born|not (?:be )?alive|not exist)\b/, unless: /\bdie\s+(?:his|her|their|my|your)\s+hair\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:talk\w*|going on|goes on|went on|obsessed|writ\w*|drawing\w*|search\w*|googl\w*)\s+about\s+(?:dying|death|being dead|suicide|killing (?:him|her|them|my)sel(?:f|ves)|wanting to die|not being here|ending (?:it|his life|her life))\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:been|started|keeps?|is|was|still|back to)\s+cutting\s*(?:again)?\s*(?:[.!?,]|$)/ },
  { category: 'suicide-self-harm', pattern: /\b(?:found|finding|hiding|hidden|hides|hid)\s+(?:\w+\s+){0,2}(?:razor|razors|blades|razor blades)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:he|she|they)\s+(?:\w+\s+)?(?:dont|doesnt|does not|do not)\s+want\s+to\s+(?:be here|live|be alive|exist|wake up)\b/ },
  { category: 'suicide-self-harm', pattern: /\blife\s+(?:isnt|is not|aint|wasnt|not)\s+worth\s+living\b/ },
  { category: 'suicide-self-harm', pattern: /\bbetter\s+off\s+dead\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:end|ending|take|taking|took)\s+(?:his|her|their|my)\s+(?:own\s+)?life\b/ },
  { category: 'suicide-self-harm', pattern: /\bjump\w*\s+(?:off|from|in front of)\s+(?:a|the|his|her)?\s*(?:bridge|roof|building|cliff|window|balcony|train|car|bus|lorry|motorway)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:noose|goodbye (?:note|letter)|suicide note|note saying goodbye)\b/ },
  {
    category: 'suicide-self-harm',
    pattern: new RegExp(`\\b(?:cut|cuts|cutting|scratch\\w*|burn|burns|burning|burnt|burned|hurt|hurts|hurting|harm|harms|harming|bite|bites|biting|punch\\w*|hit|hits|hitting|starv\\w*)\\s+${SELF}\\b`),
    unless: new RegExp(`(?:\\bturned out\\b|\\bjust (?:pulled|scratched|a scratch)\\b|\\bcuts?\\s+${SELF}\\s+off\\b|\\bburn\\w*\\s+${SELF}\\s+out\\b|\\b${SELF}\\s+(?:\\w+\\s+){0,3}${ACCIDENT})`),
  },
  {
    category: 'suicide-self-harm',
    pattern: /\b(?:cut|cuts|cutting|slash\w*|scratch\w*|burn\w*)\s+(?:his|her|their|my)\s+(?:own\s+)?(?:arms?|wrists?|legs?|thighs?|skin|stomach|body)\b/,
    unless: new RegExp(ACCIDENT),
  },
  { category: 'suicide-self-harm', pattern: /\b(?:marks|scars|cuts|burns)\s+(?:all\s+)?(?:on|up|over)\s+(?:his|her|their)\s+(?:arms?|wrists?|legs?|thighs?)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:bang\w*|hit\w*|smash\w*)\s+(?:his|her|their)\s+head\b.{0,80}\b(?:bleed\w*|bled|blood\w*|concuss\w*|hospital)\b/ },

  // Broader wordings of suicidal thoughts and self-harm, whoever they are about.
  { category: 'suicide-self-harm', pattern: /\b(?:wants?|wanted|wanting|wanna|wishes|wished|wish|going|gonna|planning|plans?|threaten\w*|talk\w* about|talks? of)\s+(?:to\s+)?(?:disappear|vanish)\s+(?:forever|for good|for ever|and never)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:never|not|wont|doesnt want to|dont want to)\s+wake\s+up\s+(?:again|ever|tomorrow|in the morning)?\s*(?:[.!?,]|$|and)/, unless: /\b(?:cant|can not|wont|will not|doesnt|does not)\s+wake\s+up\s+(?:in time|for school|on time|early)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:go to sleep|fall asleep|sleep)\s+(?:and|forever and)\s+(?:never|not)\s+wake\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:everyone|everybody|we|you all|the family|people|they)\s+(?:would|will|d)\s+(?:all\s+)?be\s+(?:so\s+)?(?:happier|better(?:\s+off)?)\s+(?:if\s+(?:he|she|i|they|im|hes|shes)\s+(?:was|were|wasnt|werent|is|am|are)?\s*(?:dead|gone|not (?:here|around|alive)|never born|didnt exist)|without\s+(?:him|her|me|them))\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:wants?|wanted|wanting|wanna|going|gonna|planning|plans?|threaten\w*|talk\w* about|says? (?:he|she|they) will|said (?:he|she|they)(?:d| would| will))\s+(?:to\s+)?end(?:ing)?\s+it\b(?!\s+(?:with|for|early|there|here|now and|at))/ },
  { category: 'suicide-self-harm', pattern: /\b(?:this is|its|it is|today is|tonight is)\s+(?:my|his|her)\s+last\s+(?:day|night)\b(?!\s+(?:at|of|in|before|on|with|off)\b)/ },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b(?:swallow\\w*|took|taken|taking|take|taken|downed|necked|lined up|stockpil\\w*|saving up|hoard\\w*|collecting)\\s+(?:\\w+\\s+){0,2}(?:all|a load of|loads of|lots of|a lot of|a packet of|packets of|a box of|a bottle of|a handful of|handfuls of|too many|the whole|a whole|every one of)\\s+(?:\\w+\\s+){0,2}${PILLS}\\b`) },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b${PILLS}\\s+(?:all\\s+)?(?:lined up|counted out|laid out|ready|stockpiled|saved up|hidden)\\b`) },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\bhow\\s+many\\s+(?:\\w+\\s+)?${PILLS}\\s+(?:it\\s+)?(?:would|will|does|it would|to)\\s+(?:take|kill|it take|die)\\b|\\bhow\\s+many\\s+(?:\\w+\\s+)?${PILLS}\\b.{0,30}\\b(?:die|dead|kill|overdose)\\b`) },
  { category: 'suicide-self-harm', pattern: /\b(?:found|finding|hiding|hidden|hides|hid|tied|made|making)\s+(?:\w+\s+){0,3}(?:rope|ropes|noose|ligature|belt tied|cord tied)\b|\b(?:rope|noose|ligature|belt|cord|scarf)\s+(?:\w+\s+){0,3}(?:round|around)\s+(?:his|her|their|my)\s+neck\b|\bligatures?\b/, unless: /\bskipping rope\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:jump|jumping|jumped)\s+(?:out of|off|from)\s+(?:a|the|his|her|my|our)?\s*(?:\w+\s+)?(?:window|bridge|roof|building|balcony|cliff|car park|flats?)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:on|onto|at the edge of|up on|standing on|sitting on|climbed (?:onto|on|up)|climbing)\s+(?:the|a)\s+(?:\w+\s+)?(?:bridge|roof|ledge|railway line|railway|train tracks?|tracks|cliff edge|balcony railing)\b.{0,60}\b(?:wont|will not|refus\w+ to|not)\s+(?:come|get)\s+(?:down|off|back)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:posted|posting|wrote|texted|messaged|sent)\b.{0,50}\b(?:goodbye|last day|last message|sorry everyone|sorry for everything|love you all)\b/ },

  // --- abuse ---
  { category: 'abuse', pattern: /\b(?:abus(?:e|ed|es|ing|ive|er)|molest\w*|rape\w*|raping|sexual(?:ly)?\s+(?:abus\w*|assault\w*|touch\w*|exploit\w*)|grooming|groomed|paedophile|pedophile|fgm)\b/, negatable: true },
  { category: 'abuse', pattern: /\b(?:touch\w*|fondl\w*|groped?|groping)\s+(?:him|her|them|my\s+\w+)\s+(?:inappropriately|down there|in (?:his|her|their) (?:privates|private parts|pants))\b/ },
  {
    category: 'abuse',
    pattern: new RegExp(`\\b(?:man|woman|adult|stranger|someone|somebody|uncle|coach|teacher|staff|member of staff|staff member|ta|teaching assistant|lsa|dinner lady|lunchtime supervisor|driver|taxi driver|escort|tutor|carer|youth worker|older (?:boy|girl|man|kid)|neighbour|babysitter|stepdad|step dad|he|she)\\s+(?:who\\s+(?:\\w+\\s+){1,4})?(?:at|from|in|on)?\\s*(?:\\w+\\s+){0,3}(?:touched|touches|touching|groped|fondled)\\s+(?:him|her|them|my|me)\\b`),
    unless: /\btouch\w*\s+(?:him|her|them|my)\s+(?:\w+\s+)?(?:shoulder|arm|hand|back|elbow)\b/,
  },
  { category: 'abuse', pattern: new RegExp(`\\b${ADULT}\\s+(?:\\w+\\s+){0,3}${VIOLENT_VERB}\\s+${VICTIM}`), unless: new RegExp(ACCIDENT) },
  { category: 'abuse', pattern: /\b(?:left|leaving|covered in|came home with|coming home with|came back with|come back with|came back from \w+ with|back from \w+\s+\w+ with|with|has|had|got)\s+(?:\w+\s+)?(?:bruises|bruising|burns|welts|black eye)\b/, unless: new RegExp(`${ACCIDENT}|\\bby a ball\\b`) },
  { category: 'abuse', pattern: /\b(?:sexual|explicit|naked|nude|rude|dirty)\s+(?:messages?|pictures?|photos?|pics|images?|videos?|texts?|chats?)\b|\bnudes\b|\bsexting\b/ },
  { category: 'abuse', pattern: /\b(?:domestic\s+(?:violence|abuse)|violence\s+(?:at|in\s+the)\s+home|violent\s+(?:at|in\s+the)\s+home)\b/ },
  { category: 'abuse', pattern: new RegExp(`\\b${ADULT}\\s+(?:is|gets|was|can be|has been|becomes|turns)\\s+(?:\\w+\\s+)?(?:violent|abusive|aggressive to (?:me|us|the kids|the children))\\b`), unless: /\b(?:he|she|they)\s+(?:is|gets|was|can be|has been|becomes|turns)\s+(?:\w+\s+)?(?:violent|abusive)\s+(?:at school|in class|in school|with (?:other|his|her) (?:kids|children|classmates|peers)|during (?:a |his |her )?meltdowns?)\b/ },
  { category: 'abuse', pattern: /\b(?:being|been|is|are|was)\s+neglected\b/, negatable: true },
  { category: 'abuse', pattern: /\b(?:scared|afraid|frightened|terrified)\s+(?:to go|of going)\s+home\b/ },
  { category: 'abuse', pattern: new RegExp(`\\b(?:scared|afraid|frightened|terrified)\\s+of\\s+(?:his|her|their|my|our)\\s+(?:partner|husband|wife|boyfriend|girlfriend|ex|dad|father|stepdad|step dad|mum|mother|uncle)\\b`) },

  // Broader signs of abuse or exploitation.
  { category: 'abuse', pattern: /\b(?:step ?dad|stepfather|step father|dad|father|uncle|grandad|grandpa|partner|boyfriend|mums boyfriend|brother|cousin|man|lodger|family friend|babysitter|carer)\s+(?:\w+\s+){0,2}(?:comes?|came|coming|goes|went|gets|got|creeps?|crept|sneaks?|snuck)\s+(?:in)?to\s+(?:her|his|their)\s+(?:bed)?room\s+at\s+night\b/ },
  { category: 'abuse', pattern: /\b(?:unexplained|unexplainable)\s+(?:\w+\s+)?(?:bruis\w*|burns?|marks?|injur\w*|cuts?|scars?)\b|\b(?:bruis\w*|burns?|marks?|injur\w*|cuts?)\b.{0,60}\b(?:nobody|no one|noone|none of them|cant|cannot|can not|wont|will not)\s+(?:can\s+|will\s+)?(?:explain|say how|tell me how|account for)\b/ },
  { category: 'abuse', pattern: /\bflinch\w*\s+(?:when|if|whenever|every time)\s+(?:he|she|they|his|her|my|the|someone|anyone|an adult)\s+(?:\w+\s+){0,2}(?:comes?|goes|gets|walks|moves|raises|reaches)\s*(?:near|close|up|towards|his|her)?\b|\b(?:terrified|scared|screams?|screaming|panics?)\s+(?:\w+\s+){0,2}(?:when|whenever)\s+(?:\w+\s+){0,2}(?:car|van)\s+pulls?\s+up\b/ },
  {
    category: 'abuse',
    pattern: /\b(?:meet (?:him|her|up|them)|meeting (?:him|her|up)|meet(?:ing)?\s+(?:up with\s+)?(?:a|an|some|this|the)\s+(?:\w+\s+)?(?:guy|man|lad|bloke|stranger|boy|girl|person|someone|friend)|send(?:ing)? (?:her|him|them|me)?\s*(?:pictures|photos|pics|images|videos)|asking (?:her|him|them) (?:for|to send) (?:pictures|photos|pics)|(?:keep|kept|keeping)\s+(?:\w+\s+){0,2}secrets?|without telling (?:me|us|her mum|his mum|her dad|his dad|anyone|her parents|his parents))\b/,
    // Online contact only: "met" or "messages" alone also fit "can I ask to meet her" about a new SENCo.
    requires: /\b(?:online|internet|gaming|game|games|app|snapchat|tiktok|instagram|discord|roblox|fortnite|minecraft|whatsapp|xbox|playstation|met (?:on|online|through|via))\b/,
    unless: /\b(?:friend from (?:school|class)|classmate|cousin|grandparents?|teacher at school)\b/,
  },
  { category: 'abuse', pattern: /\b(?:older|grown|adult)\s+(?:man|men|guy|bloke|lad|boy|woman|person)\b.{0,60}\b(?:messag\w*|texting|snapchat|online|sending|gifts?|money|lifts?)\b/ },

  // --- a missing child ---
  {
    category: 'missing',
    pattern: /\b(?:is|has gone|gone|went|has been|been|go|goes|going|keeps going|now|still|reported (?:him|her|them))\s+missing\b/,
    unless: /\bmissing\s+(?:out|school|lessons?|class\w*|work|homework|the|a|an|his|her|their|my|so|too|some|lots?|days?|weeks?|break\w*|playtime|play time|pe|it|from (?:school|class|lessons?)|education|learning|out on|support)\b/,
  },
  { category: 'missing', pattern: /\bmissing\s+(?:child|person|children)\b/ },
  { category: 'missing', pattern: /\bmy\s+\w*\s*(?:son|daughter|child|kid|boy|girl|ds|dd)\s+is\s+missing\s*$/ },
  { category: 'missing', pattern: new RegExp(`\\b(?:cant|can not|cannot|couldnt)\\s+find\\s+(?:him|her|them|my\\s+${CHILD}|my\\s+\\w+\\s+${CHILD})\\b`), unless: /\bfind\s+(?:him|her|them)\s+(?:a|an|the|any|some)\b|\b(?:for|after)\s+(?:a\s+)?(?:few|couple of|\w+|\d+)\s+(?:minutes?|mins?|seconds?|secs?)\b|\b(?:found (?:him|her|them)|turned up|(?:he|she) was (?:hiding|in the|under))\b/ },
  { category: 'missing', pattern: /\b(?:hasnt|has not|havent|have not|didnt|did not|never|not)\s+(?:come|came|got|gotten|arrived|returned|been)\s+(?:back\s+)?home\b/ },
  { category: 'missing', pattern: /\b(?:ran|run|has run|have run|running)\s+(?:away|off)\b/, unless: /\b(?:once|when (?:he|she|they) was|lol|never does|never did|says? (?:im|i am|shes|hes|she is|he is) going to run away)\b|\b(?:runs?|running|ran)\s+(?:away|off)\s+(?:from\s+(?:the\s+)?(?:teacher|ta|staff|class|lesson|classroom|table|work|task)|in\s+(?:the\s+)?(?:playground|classroom|class|hall|lessons?|shops?|supermarket)|at\s+(?:school|break|play\s?time|lunch)|with\s+(?:it|the ball)|(?:at|in)\s+pe)\b|\bkeeps?\s+(?:running|run)\b|\bwill\s+run\b|\btends?\s+to\s+run\b/ },
  // Broader wordings of a missing child.
  { category: 'missing', pattern: /\bmissing\s+(?:since|for (?:\w+\s+)?(?:hours|hour|a day|days|the night|since))\b/ },
  { category: 'missing', pattern: /\b(?:dont|do not|dont even|no one|nobody|noone|none of us)\s+knows?\s+where\s+(?:he|she|they|my \w+)\s+(?:is|are|has gone|have gone|went|s gone|gone|has got to|could be)\b/ },
  { category: 'missing', pattern: /\b(?:ran|run|has run|bolted|escaped|got out)\s+(?:out\s+of|from|away from)\s+(?:the|our|my)\s+(?:house|home|flat|garden)\b/ },
  { category: 'missing', pattern: /\bshould\s+(?:have|of|ve)\s+been\s+(?:home|back)\b.{0,120}\b(?:phone|not answering|no answer|no sign|seen|gone|driven|looked|looking|searched|still not|hours)\b/ },
  { category: 'missing', pattern: /\b(?:no ?one|nobody|noone|none of (?:his|her|their) friends)\s+(?:has|have|had)\s+seen\s+(?:him|her|them)\b/ },
  { category: 'missing', pattern: /\b(?:taken|took|snatched|kept)\s+(?:him|her|them|the kids|the children|my \w+)\b.{0,50}\b(?:wont|will not|refus\w+ to|not)\s+(?:tell|say|let me know)\s+(?:me\s+|us\s+)?where\b|\b(?:abduct\w*|kidnap\w*)\b/ },

  // --- immediate danger to anyone ---
  { category: 'immediate-danger', pattern: /\b(?:not|isnt|arent|dont feel|doesnt feel)\s+safe\s+(?:at home|in (?:the|our|my) (?:house|home)|with (?:him|her|them|his|her|my))\b/ },
  { category: 'immediate-danger', pattern: /\b(?:im|i am|we are|were|my \w+ is|(?:he|she) is|theyre|they are)\s+(?:not safe|in danger|unsafe)\b/, unless: /\bnot safe\s+(?:to|on|in|for|crossing|around)\s+(?:the\s+)?(?:road|roads|stairs|walk|climbing|equipment|trips?|trip|school bus|bus)\b/ },
  { category: 'immediate-danger', pattern: /\bthreat\w*\s+(?:to\s+)?(?:kill|hurt|harm|stab|attack|beat|shoot|burn|take)\s+(?:me|us|them|him|her|my|the kids|the children|our|himself|herself)\b/ },
  { category: 'immediate-danger', pattern: new RegExp(`\\b${ADULT}\\s+(?:is|was|keeps|has been|been|are|were)?\\s*(?:threaten\\w*|stalking|harass\\w*)\\s+(?:us|me|the kids|the children|my|our|to)\\b`) },
  { category: 'immediate-danger', pattern: new RegExp(`\\b(?:said|says|saying|told|threatened|threatening)\\s+(?:\\w+\\s+){0,3}(?:hell|he will|he would|hed|shell|she will|she would|theyll|they will|going to|gonna|will)\\s+(?:kill|hurt|harm|stab|cut|shank|shoot|attack|batter|do (?:him|her|them) in|take the kids and)\\b`), unless: /\b(?:lol|haha|joking|jokes|kidding|best mates|best friends again)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:has|had|got|pulled|holding|waving|carrying|with|brandish\w*)\s+(?:a\s+)?(?:knife|knives|gun|weapon|machete|blade)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:scared|afraid|frightened|terrified|worried|fear)\s+(?:that\s+)?(?:he|she|they|my \w+)\s*(?:ll|will|is going to|are going to|might|could|would)\s+(?:kill|hurt|harm|attack|stab|beat|batter)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:call|calling|called|ring|ringing|rang|phone|phoned)\s+(?:the\s+)?(?:police|999|ambulance|an ambulance)\b/, negatable: true },
  { category: 'immediate-danger', pattern: /\bpolice\s+(?:are|were|have been)\s+(?:here|looking|searching|on (?:their|the) way|out)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:not breathing|stopped breathing|unconscious|unresponsive|wont wake up|cant wake (?:him|her))\b/ },
  { category: 'immediate-danger', pattern: /\b(?:trying to|tried to|trying|try to)\s+(?:break|get)\s+in(?:to)?\s+(?:the|our|my)\s+(?:house|home|flat)\b|\b(?:outside|at the door|banging on the door)\b.{0,40}\b(?:threat\w*|hurt|kill|attack\w*|scared|screaming)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:scared|afraid|frightened|terrified|fear)\s+for\s+(?:my|our|the|his|her)\s+(?:life|lives|safety|children|kids|childrens safety|kids safety)\b/ },
  // Broader wordings of danger right now.
  { category: 'immediate-danger', pattern: /\block\w*\s+(?:him|her|them)sel(?:f|ves)\s+in\b.{0,80}\b(?:wont|will not|isnt|not|stopped)\s+(?:answer\w*|respond\w*|talk\w*|open\w*|come out|coming out|replying)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:fainted|collapsed|passed out|having a seizure|fitting|turning blue|cant breathe|cannot breathe|struggling to breathe|choking)\b/, unless: /\bthrough (?:his|her|their) nose\b|\b(?:used to|last year|years ago|when (?:he|she) was (?:a )?(?:baby|little|younger)|history of|epilepsy (?:plan|care plan)|seizure (?:plan|care plan))\b/ },
  { category: 'immediate-danger', pattern: /\b(?:not|hasnt|has not|havent|hasnt been|not been|refus\w+ to be|refusing)\s+(?:eaten|eating|drunk|drinking|eat|drink)\s+(?:anything\s+|a thing\s+)?(?:for|in)\s+(?:days|\w+ days|a week|over a week)\b/ },
  // --- wider nets: wordings that a probe written apart from these rules showed were missed ---
  // suicide and self-harm, said indirectly
  { category: 'suicide-self-harm', pattern: /\b(?:ways|how)\s+to\s+(?:die|kill\s+(?:your|him|her|my|them)sel\w*|end\s+(?:it|your life|my life|his life|her life)|commit suicide|hang\s+(?:your|him|her|my)sel\w*)\b/ },
  { category: 'suicide-self-harm', pattern: /\bhurts?\s+to\s+die\b|\bif\s+(?:i|he|she|they|id|hed|shed)\s+(?:\w+\s+){0,2}(?:wasnt|werent|was not|were not|wasn t)\s+(?:here|around|alive)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:wont|will not|not going to|wouldnt)\s+be\s+(?:here|around|alive|a problem|a burden)\s+(?:by|for much longer|much longer|tomorrow|next week|by the weekend|any\s?more|for long)\b/ },
  { category: 'suicide-self-harm', pattern: /\bno\s+point\s+(?:to|in|of)\s+(?:anything|living|life|me|being alive|being here|going on)\b/ },
  {
    category: 'suicide-self-harm',
    pattern: /\b(?:giv\w*|gave|given)\s+(?:away\s+)?(?:all\s+)?(?:of\s+)?(?:his|her|their|my)\s+(?:\w+\s+){0,2}(?:toys|xbox|playstation|things|stuff|belongings|possessions|games|phone|switch|ipad|tablet|teddies|clothes)\s+(?:away|to)\b/,
    requires: /\b(?:no point|die|dying|dead|sad|flat|low|down|suicid\w*|not here|worried|worry|depress\w*|goodbye|quiet|withdrawn|hopeless)\b/,
    unless: /\b(?:his old|her old|got a new|new one|lol|grown out of)\b/,
  },
  { category: 'suicide-self-harm', pattern: /\b(?:been|started|keeps?|is|was|still|back to|has been|have been)\s+cutting\b(?!\s+(?:out|back|down|up|off|his hair|her hair|paper|shapes|things|corners|class|lessons?|school|pictures))/ },
  { category: 'suicide-self-harm', pattern: /\b(?:go|cut|cutting)\s+deeper\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:going to|gonna|wants? to|wanted to|threaten\w* to|will|says? (?:hes|shes|he is|she is|they are) going to|about to)\s+jump\b(?!\s+(?:on|in|into|around|up and down|over|the queue|higher|rope|for joy))/ },
  { category: 'suicide-self-harm', pattern: /\b(?:windowsill|window sill|window ledge|edge of (?:the\s+)?(?:roof|top floor|bridge|cliff|multi ?storey|car park|balcony|building))\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:standing|stood|sat|sitting|going|goes|gone|walking|walked|lying|lay|lies)\s+(?:\w+\s+)?(?:on|to|by|near|along|onto)\s+(?:the\s+)?(?:train|railway)\s+(?:tracks?|line)\b|\b(?:train|railway)\s+(?:tracks?|line)\b.{0,60}\b(?:feels? like|standing|stood|jump|die|hit)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:ty\w*|tied|put\w*|wrap\w*|pull\w*)\s+(?:\w+\s+){0,3}(?:round|around)\s+(?:his|her|their|my)\s+(?:own\s+)?neck\b|\brope\b.{0,60}\b(?:hidden|hiding|hid)\b|\b(?:bought|ordered|buying|got)\s+(?:a\s+)?(?:rope|noose)\b/ },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b(?:got hold of|got into|found|has taken|took|taken|had)\\s+(?:\\w+\\s+){0,3}${PILLS}\\b.{0,60}\\b(?:(?:dont|do not|not sure|no idea)\\s+(?:know\\s+)?how\\s+(?:many|much)|in one go|all of them|the lot|whole (?:packet|box|bottle|week))\\b|\\b(?:whole|entire)\\s+(?:\\w+\\s+){0,2}(?:of\\s+)?${PILLS}\\s+in\\s+one\\s+go\\b|\\bin\\s+one\\s+go\\b.{0,30}\\b${PILLS}\\b`) },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b(?:empty|half empty|emptied)\\s+(?:\\w+\\s+)?(?:packet|packets|box|bottle|blister packs?|strips?)\\s+of\\s+${PILLS}\\b|\\b(?:taken|took|swallowed)\\s+(?:a load|loads|lots|a lot|some|a handful|handfuls)\\s+of\\s+(?:\\w+\\s+){0,2}${PILLS}\\b`) },
  { category: 'suicide-self-harm', pattern: /\b(?:written|wrote|writing|left)\s+(?:\w+\s+){0,2}(?:letters?|notes?)\s+(?:to|for)\s+(?:my|the|his|her)\s+(?:kids|children|son|daughter|family|husband|wife|partner|mum|dad|parents)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:posted|posting|wrote|put|said|says|texted)\b.{0,40}\b(?:wont be a problem|not be a problem|wont be here|be gone soon|see you on the other side|goodbye forever|last post)\b/ },

  // poisoning and medical emergencies
  { category: 'immediate-danger', pattern: /\b(?:drank|drunk|drinking|swallowed|swallowing|ate|eaten|eating|chewing|chewed|licked|sucking)\s+(?:some\s+|a\s+|the\s+|on\s+(?:a|the)\s+)?(?:\w+\s+){0,2}(?:bleach|dishwasher tablets?|washing (?:tablets?|pods?|capsules?)|detergent|battery|batteries|button battery|magnets?|antifreeze|weed ?killer|poison\w*|cleaning (?:fluid|stuff|products?|spray)|something (?:from|under|out of) (?:under )?the sink|stuff (?:from|under|out of) (?:under )?the sink|white spirit|paint thinners?|screen ?wash|e-?liquid|vape liquid)\b/ },
  // Swallowed something unknown and now unwell: poisoning until a doctor says otherwise.
  { category: 'immediate-danger', pattern: /\b(?:drank|drunk|swallowed)\s+something\b.{0,80}\b(?:being sick|been sick|is sick|vomit\w*|throwing up|drowsy|wont wake|cant wake|not waking|unconscious|cant breathe|fitting)\b|\b(?:drank|drunk|swallowed|ate|eaten)\s+(?:something|some\w*)\s+(?:poisonous|toxic)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:blue|grey|gray)\s+(?:round|around|on)\s+(?:the|his|her)\s+lips\b|\b(?:lips|face)\s+(?:are|is|went|going|gone|turned|turning)\s+blue\b|\bfloppy\b(?!\s+(?:hair|ears|hat|toy|bunny))|\banaphyla\w*|\ballergic reaction\b|\b(?:throat|tongue)\s+(?:is\s+)?(?:swelling|swollen|closing)\b/ },
  { category: 'immediate-danger', pattern: /\bseizures?\s+(?:wont stop|hasnt stopped|has not stopped|not stopping|still going|for over|lasting|for more than)\b|\bheart\s+(?:is\s+)?(?:going|racing|beating)\s+(?:really\s+|so\s+)?(?:fast|funny)\b|\b(?:looks?|gone|going|turned)\s+(?:grey|gray)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:lot of|lots of|loads of|so much|pouring with|covered in|pool of)\s+blood\b|\bblood\s+(?:everywhere|all over)\b|\bbleeding\s+(?:heavily|badly|a lot|wont stop|everywhere|loads)\b|\b(?:head|skull)\s+(?:split|cracked)\s+open\b|\bsplit\s+(?:his|her|their)\s+head\s+open\b|\bstab\s*wound\b|\bstabbed\b/, unless: /\b(?:worried|scared|terrified|afraid|frightened|fear\w*)\s+(?:that\s+)?(?:he|she|they|hes|shes)\s*(?:ll|will|might|would|could|going to)?\s*(?:get|be|being)\s+stabbed\b|\bknife crime\b/ },

  // a missing child, more wordings
  { category: 'missing', pattern: /\bnever\s+see\s+(?:him|her|them|my \w+)\s+again\b|\bnot\s+(?:brought|bring|bringing|returned)\s+(?:him|her|them)\s+back\b/ },
  { category: 'missing', pattern: /\b(?:got|gotten|slipped|wandered|climbed|escaped)\s+out\s+(?:of\s+)?(?:the|our|his|her)\s+(?:house|home|garden|gate|front door|back door|window|flat)\b|\bwander\w*\s+off\b(?!\s+(?:task|topic|in (?:class|lessons?|the supermarket)))/ },
  { category: 'missing', pattern: /\b(?:should\s+(?:have|of|ve)\s+been|(?:was|is)\s+(?:meant|supposed|due)\s+to\s+be|meant\s+to\s+be|supposed\s+to\s+be)\s+(?:home|back)\b.{0,120}\b(?:phone|not answering|no answer|no sign|seen|gone|hours|now|still not|not like (?:him|her))\b/ },
  { category: 'missing', pattern: /\b(?:wont|will not|refus\w+ to)\s+tell\s+(?:me|us)\s+where\b|\bwhere\s+(?:hes|shes|theyre|theyve)(?:\s+gone)?\b.{0,20}\b(?:no idea|dont know|nobody|no one)\b|\b(?:nobody|no one|noone|dont|do not)\s+knows?\s+where\s+(?:hes|shes|theyre|theyve)\b/ },
  { category: 'missing', pattern: /\b(?:not|isnt|wasnt)\s+in\s+(?:his|her|their)\s+(?:room|bed)\b.{0,80}\b(?:alarm|door|window|gone|missing|cant find|police|searched|looking)\b|\b(?:walked|ran|run|gone|went|bolted)\s+out\s+(?:of\s+)?(?:school|class|the school|the house|the gates)\b.{0,80}\b(?:nobody|no one|noone|dont|do not|cant|cannot)\s+(?:knows?|find|found|know)\b/ },
  { category: 'missing', pattern: /\b(?:gone|out|missing)\s+again\s+(?:tonight|overnight|all night)\b|\bstay\w*\s+out\s+(?:all night|overnight)\b/ },

  // abuse and exploitation, more wordings
  { category: 'abuse', pattern: /\b(?:step ?dad|stepfather|step father|dad|father|uncle|grandad|grandpa|partner|boyfriend|mums boyfriend|brother|cousin|man|lodger|family friend|babysitter|carer)\s+(?:\w+\s+){0,4}(?:comes?|came|coming|goes|went|gets|got|creeps?|crept|sneaks?|snuck)\s+(?:in)?to\s+(?:her|his|their)\s+(?:bed)?room\b.{0,60}\b(?:night|doing|touch\w*|things)\b/ },
  { category: 'abuse', pattern: /\bdoing\s+(?:things|stuff)\s+to\s+(?:her|him|them|me)\b|\bsexual(?:ised|ized)?\s+(?:things|behaviour|behavior|language|comments|drawings?|play|knowledge)\b|\b(?:grown|older|adult)\s+man\b.{0,40}\bin\s+(?:a\s+)?bed\b/ },
  { category: 'abuse', pattern: /\b(?:bum|bottom|privates|private parts|vagina|willy|penis|front bottom)\s+(?:hurts|is sore|sore|bleeding|is bleeding|hurting)\b/ },
  { category: 'abuse', pattern: /\b(?:makes?|made|forces?|forced)\s+(?:him|her|them|my \w+)\s+(?:to\s+)?(?:sleep|stay|stand|sit|wait)\s+(?:\w+\s+){0,3}(?:outside|in the (?:garden|shed|cold|dark|cupboard|car)|shed|cupboard)\b|\block\w*\s+(?:him|her|them|my \w+)\s+in\s+(?:his|her|their|a|the)\s+(?:room|cupboard|shed|bedroom)\s+for\s+hours\b/ },
  { category: 'abuse', pattern: /\b(?:doesnt|does not|dont|do not|not|never)\s+(?:feed|fed|feeding)\s+(?:him|her|them)\b|\b(?:always|came back|come back|comes back|come round)\s+(?:\w+\s+)?starving\b|\b(?:home|left)\s+alone\s+all\s+day\b|\bleaves?\s+(?:them|him|her)\s+(?:home\s+)?alone\s+(?:all day|for hours|overnight)\b/ },
  { category: 'abuse', pattern: /\b(?:hes|shes|theyre|he is|she is|they are|someone is|somebody is)\s+(?:hurting|hitting|touching|beating|strangling|choking)\s+(?:her|him|me|them|us)\b/, unless: /\bhurting\s+(?:her|his|their)\s+feelings\b/ },
  { category: 'abuse', pattern: /\b(?:its|it is|is|was|keep it)\s+(?:a|our|their|his|her|a special)\s+(?:little\s+)?secret\b|\b(?:says?|said|told (?:him|her|them))\s+not\s+to\s+tell\b/, unless: /\b(?:surprise|present|birthday|party|christmas)\b/ },
  { category: 'abuse', pattern: /\bsit\w*\s+on\s+(?:his|her)\s+(?:knee|lap)\b/, requires: /\b(?:escort|driver|taxi|man|uncle|secret|coach|neighbour|stranger|carer)\b/ },
  { category: 'abuse', pattern: /\b(?:boyfriend|girlfriend|bf|man|guy|lad)\s+(?:whos|who is|of|aged|thats|is)?\s*(?:1[89]|[2-6]\d)\b/, requires: /\b(?:(?:shes|hes|she is|he is|dd is|ds is|only|aged)\s+1[0-5]|1[0-5]\s*(?:yo|yr|year))\b/ },
  { category: 'abuse', pattern: /\bgives?\s+(?:her|him|them)\s+(?:vodka|alcohol|booze|drink|drugs|weed|vapes|cigarettes|pills)\b|\bcounty\s+lines\b|\b(?:two|2|second|burner)\s+phones?\b.{0,60}\b(?:cash|money)\b|\bowes?\s+(?:them|some\s+\w+|people|older (?:boys|lads|kids))\s+money\b/ },
  { category: 'abuse', pattern: /\b(?:new|expensive|designer)\s+(?:trainers|clothes|phone|phones)\b.{0,60}\b(?:cash|money)\b|\b(?:cash|money)\b.{0,60}\b(?:new|expensive|designer)\s+(?:trainers|clothes|phone)\b/ },
  { category: 'abuse', pattern: /\b(?:lads|men|boys|gang|people)\s+(?:on bikes\s+)?(?:waiting|hanging around)\s+outside\s+(?:our|the|my)\s+(?:house|home|flat)\b/ },

  // a parent who may harm the child or themselves, or violence at home now
  { category: 'parent-distress', pattern: /\bpillow\s+over\s+(?:his|her|their)\s+face\b|\b(?:scared|afraid|frightened|terrified)\s+of\s+(?:what\s+(?:i|ill|i will|i might|i could)\s+(?:do|could do)|myself)\b|\bi\s+(?:\w+\s+)?(?:wanted|want|wanting)\s+to\s+(?:hurt|harm|hit|kill|strangle|smother|shake)\s+(?:him|her|them|my)\b|\b(?:im|i am|i dont think im|i dont feel)\s+(?:not\s+)?safe\s+(?:to be\s+)?(?:with|around|near)\s+(?:him|her|them|my)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:strangled|choked|strangling|choking|throttled)\s+(?:me|her|him|my)\b|\b(?:kick\w*|smash\w*|bang\w*|break\w*|broke)\s+(?:the\s+)?(?:front\s+|back\s+|bedroom\s+)?doors?\s+(?:in|down)\b/ },
  // --- wider nets, second probe: medical emergencies, poisoning, exploitation and abuse wordings ---
  { category: 'immediate-danger', pattern: /\b(?:cant|can not|cannot|barely|struggling to|fighting for)\s+(?:get\s+(?:her|his|their|a)\s+)?(?:breath|breathe|breathing)\b(?!\s+through\s+(?:his|her|their)\s+nose)/, unless: /\bat night\b.{0,40}\b(?:snor\w*|ent|waiting)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:face|lips?|tongue|throat|eyes?)\s+(?:is\s+|are\s+)?(?:swelling|swelled|swollen|puffing)\s*(?:up)?\b.{0,80}\b(?:nuts?|eaten|ate|allerg\w*|epipen|epi pen|stung|sting|reaction|voice|breath\w*)\b|\b(?:nuts?|eaten|ate|stung)\b.{0,80}\b(?:face|lips?|tongue|throat)\s+(?:is\s+|are\s+)?(?:swelling|swollen|puffing)\b|\bepi\s?pen\b.{0,40}\b(?:used|given|jabbed|not working|doesnt|isnt)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:hit|banged|bangs|bang\w*|fell|fallen|landed|rolled off|dropped)\b.{0,80}\bhead\b.{0,100}\b(?:sick|vomit\w*|sleepy|drowsy|nodding off|keeps falling asleep|wont wake|confused|lump|swelling|wont feed|not feeding|floppy)\b/ },
  { category: 'immediate-danger', pattern: /\bseizures?\s+(?:has been|is|been|still)\s+(?:going|lasting|on)\b|\b(?:more|longer)\s+than\s+(?:5|five)\s+min\w*\b.{0,40}\b(?:seizure|fit|fitting)\b|\b(?:seizure|fit)\b.{0,60}\b(?:more|longer|over)\s+than\s+(?:5|five)\s+min\w*|\bmidazolam\b.{0,40}\b(?:not|isnt|doesnt)\s+(?:working|work)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:hypo|hyper|blood sugar)\b.{0,80}\b(?:confused|shaking|sweaty|wont eat|wont drink|unconscious|not making sense)\b|\b(?:diabetic|type 1)\b.{0,80}\b(?:confused|sweaty|shaking|drowsy|wont wake)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:drunk|drank|drinking|swallowed|swallowing|eaten|ate|eating|bitten into|bit into|chewed|chewing|sucked)\s+(?:some\s+|a\s+|the\s+|on\s+(?:a|the)\s+|into\s+(?:a|the)\s+)?(?:\w+\s+){0,4}(?:rinse aid|capsules?|pods?|hair dye|dye|perfume|nail varnish(?: remover)?|paint|glue|lighter fluid|petrol|fairy liquid|washing up liquid|shampoo|mouthwash|hand sanitiser|sanitizer|fabric softener|toilet (?:cleaner|duck)|descaler|oven cleaner|berries|mushrooms|plant|bleach|chemicals?)\b/ },
  { category: 'immediate-danger', pattern: /\bfoam\w*\s+(?:round|around|at|from)\s+(?:the|his|her)\s+mouth\b/ },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b(?:took|taken|had|swallowed)\\s+(?:only\\s+)?(?:a few|some|several|maybe \\d+|about \\d+|\\d+)\\s+(?:of\\s+(?:my|his|her|their|the)\\s+)?(?:\\w+\\s+)?(?:${PILLS})?\\b.{0,60}\\b(?:empty|packet|box|bottle|mins ago|minutes ago|hours? ago|not sure|dont know)\\b|\\b(?:empty|half empty)\\s+(?:packet|box|bottle|strip)\\s+of\\s+(?:my|his|her|their)\\s+${PILLS}\\b|\\bsaving\\s+up\\s+(?:my|his|her)\\s+${PILLS}\\b|\\btake\\s+the\\s+lot\\b`), unless: /\bcan (?:you|kids|children|he|she) overdose on\b/ },
  { category: 'suicide-self-harm', pattern: /\bnote\b.{0,60}\b(?:sorry|goodbye|bye|love you)\b|\b(?:sorry|goodbye)\s+to\s+(?:every\s?one|everybody|all of you)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:giv\w*|gave|given)\s+away\s+(?:all\s+)?(?:of\s+)?(?:his|her|their|my)\b.{0,80}\b(?:calm|never done|not like|weird\w*|worried|goodbye|no point)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:standing|stood|stands|sitting|sat|hanging around|goes|going)\s+(?:\w+\s+){0,2}(?:on|at|by|over)\s+(?:the\s+)?(?:motorway|railway|foot|road)?\s*bridge\b|\bif\s+(?:he|she|i|they)\s+(?:jumped|jumps|died|was gone|killed)\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:cuts|scratches|burns|marks)\s+(?:all\s+)?(?:up|over|down|on)\s+(?:my\s+)?(?:\w+\s+)?(?:arms?|wrists?|legs?|thighs?|stomach)\b(?!.{0,40}\b(?:from|at|in)\s+(?:football|rugby|pe|the garden|brambles|the cat)\b)|\b(?:biting|bites|bit|scratch\w*|hitting|hits|punch\w*)\s+(?:his|her|their)\s+own\s+(?:\w+\s+)?(?:till|until)\s+(?:it|they)\s+(?:bleeds?|bled)\b|\bdeserves?\s+(?:it|to (?:be hurt|die|suffer|be punished))\b/ },
  { category: 'suicide-self-harm', pattern: /\b(?:wanted|wants|want|going|said he wanted|said she wanted)\s+to\s+(?:stab|cut|hurt|burn|strangle|hang|kill)\s+(?:him|her|them|my)sel(?:f|ves)\b/ },
  { category: 'missing', pattern: /\blost\s+(?:him|her|them|my \w+)\s+(?:at|in)\s+(?:the\s+)?(?:beach|park|shops?|shopping centre|town|fair|festival|woods|station|supermarket|zoo)\b(?!.{0,60}\b(?:found|back|for (?:a|five|two|\d+) (?:mins?|minutes|seconds)))|\b(?:got off|missed)\s+(?:the\s+)?(?:bus|train)\b.{0,80}\b(?:not answering|location|lost|cant find|dont know where)\b|\blocation\s+(?:is\s+)?showing\b.{0,60}\b(?:dont recognise|not answering|unknown)\b/ },
  { category: 'missing', pattern: /\b(?:got|gets|climbed)\s+in(?:to)?\s+(?:a|his|the|some|this)\s+(?:\w+\s+)?(?:van|car)\b|\btake\s+(?:him|her|them)\s+abroad\b|\b(?:taken|took)\s+(?:\w+\s+){0,3}out of school without\b|\bcourt order\b.{0,60}\b(?:taken|took|take|abroad)\b/ },
  { category: 'abuse', pattern: /\b(?:thats|that is|its|it is)\s+(?:our|their|a)\s+(?:little\s+)?secret\b|\bputs?\s+(?:him|her|them)\s+in\s+(?:a|the)\s+cupboard\b|\bpulls?\s+(?:his|her|their)\s+hair\b(?!\s+(?:out|when (?:he|she) is anxious))|\bcomes?\s+in(?:to)?\s+the\s+(?:bathroom|shower|toilet)\s+when\s+(?:she|he|shes|hes)\b|\b(?:makes?|making|forces?|forcing)\s+(?:my\s+)?(?:daughter|son|her|him)\s+(?:\w+\s+){0,3}(?:go|come)\s+(?:in|into)\s+the\s+(?:toilets?|bushes|bedroom)\s+with\s+him\b/ },
  { category: 'abuse', pattern: /\blocked\s+(?:in|inside)\s+(?:the|a|their|his|her)\s+(?:flat|house|room|home)\b.{0,60}\b(?:on (?:his|her|their) own|alone|days|hours|crying)\b|\bon\s+(?:his|her|their)\s+own\s+for\s+days\b|\b(?:ate|eats|eating)\s+like\s+(?:she|he|they)\s+(?:was|were)\s+starving\b|\blost\s+so\s+much\s+weight\b/ },
  { category: 'abuse', pattern: /\b(?:send|share|post|show)\s+(?:his|her|their|the)\s+(?:pictures?|photos?|pics|videos?|nudes)\s+to\s+(?:every\s?one|his school|her school|his friends|her friends|people)\b|\bunless\s+(?:he|she|they)\s+(?:pays?|sends?)\b|\bhold\s+(?:something|stuff|a bag|a package)\s+for\s+them\b|\bdrop\s+off\s+(?:a\s+)?(?:parcel|package|bag)\b|\bknows?\s+where\s+we\s+live\b|\bshowed\s+(?:him|her|them)\s+a\s+(?:knife|blade|gun)\b|\bdoing\s+favours\s+for\s+(?:some\s+)?(?:lads|older|men)\b|\btrain tickets\b.{0,60}\b(?:cash|phones|lads)\b/ },
  { category: 'abuse', pattern: /\b(?:man|guy|bloke)\s+(?:\w+\s+){0,6}(?:about|around|in his|aged)\s+(?:2\d|3\d|4\d|thirty|forty|twenty)\b|\bstays?\s+over\s+at\s+his\s+(?:flat|house|place)\b|\bbuys?\s+her\s+(?:stuff|things|presents)\b.{0,60}\b(?:late|weed|drunk|car)\b|\bblood\s+in\s+(?:her|his)\s+(?:knickers|pants|underwear)\b/ },
  { category: 'abuse', pattern: /\bpillow\s+over\s+(?:the\s+)?(?:\w+\s+)?(?:ones|one s|brothers|sisters|babys|his|her)?\s*face\b|\bby\s+the\s+throat\b|\bhand\s+over\s+(?:her|his|their)\s+mouth\b.{0,60}\b(?:too long|held|hold)\b|\bdont\s+trust\s+myself\s+(?:with|around|near)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:said|say|says|told (?:him|her|us))\s+(?:\w+\s+){0,2}(?:theyll|they will|theyre going to|hes going to|he will)\s+(?:be back|come back|hurt|get)\b.{0,30}\b(?:tonight|later|soon|again)?|\bhe will be back later\b|\bhell be back later\b/, requires: /\b(?:knife|threat\w*|scared|throat|hurt|hit|attack\w*|lads|beat)\b/ },
  { category: 'suicide-self-harm', pattern: new RegExp(`\\b(?:a load of|loads of|a handful of|lots of|a lot of)\\s+(?:\\w+\\s+){0,2}${PILLS}\\b`), requires: /\b(?:taken|took|swallowed|ate|eaten|had|necked)\b/ },
  { category: 'missing', pattern: /\b(?:man|men|stranger|woman|someone|somebody|bloke|guy)\s+in\s+a\s+(?:\w+\s+)?(?:van|car)\b.{0,100}\b(?:got in|get in|getting in|went with|took her|took him|drove off)\b/ },
  { category: 'immediate-danger', pattern: /\b(?:isnt|is not|not|hasnt been|wasnt|arent)\s+breathing\s+(?:properly|right|normally|well)\b/ },
  { category: 'abuse', pattern: /\btouch\w*\s+(?:her|him|them|me)\s+when\s+(?:no ?one|nobody|noone|(?:the )?others? (?:arent|are not))\b|\btouch\w*\s+(?:her|him|them)\s+(?:on|in)\s+(?:her|his|their)\s+(?:private\w*|bum|bottom|chest|breasts?|front)\b/ },
];

/** Negators that, shortly before a `negatable` hit, mean the writer is ruling the risk out. */
export const NEGATION_BEFORE = /\b(?:not|never|no|isnt|arent|wasnt|werent|hasnt|havent|hadnt|doesnt|dont|didnt|without|nothing|none|no sign of|no signs of|no history of|not at risk of)\s+(?:\w+\s+){0,2}$/;

/**
 * Figurative idioms removed before the rules run ("the homework is killing me", "dying to know").
 * Each is replaced by a neutral gap so neighbouring words do not join up into a new match.
 */
export const FIGURATIVE: readonly RegExp[] = [
  /\b(?:is|are|was|its|it is|theyre|they are|this is|thats|that is|were|the \w+ is|school is)?\s*killing\s+(?:me|us|my back|my feet)\b/g,
  /\bkilling\s+(?:his|her|their|my|our)\s+(?:love|confidence|self esteem|self-esteem|spirit|motivation|enthusiasm|joy|interest|passion|buzz|vibe)\b/g,
  /\bkill(?:ing)?\s+time\b/g,
  /\bdying\s+(?:to|for)\s+(?:know|see|get|go|hear|find|ask|try|meet|tell|a|an|the|some)\b/g,
  /\b(?:dying|died|die)\s+(?:of|from)\s+(?:embarrassment|shame|boredom|laughter|laughing|cringe)\b/g,
  /\b(?:nearly|almost|practically|could have|couldve|literally)\s+(?:died|dead|had a heart attack)\b/g,
  /\b(?:matter of|question of)?\s*life\s+(?:and|or)\s+death\b/g,
  /\bto\s+die\s+for\b/g,
  /\b(?:bored|scared|sick|worried|frightened|tired|fed up)\s+to\s+death\b/g,
  /\bdeath\s+(?:stare|glare|look)\b/g,
  /\b(?:i|we)\s+could\s+(?:kill|murder|strangle)\s+(?:the|that|those|this|them|him|her)\b/g,
  /\bover\s+my\s+dead\s+body\b/g,
  /\bdrop\s+dead\s+gorgeous\b/g,
];
