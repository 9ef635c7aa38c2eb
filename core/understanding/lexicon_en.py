"""English: what visitors type at a front desk, and the little typos that cost nothing."""

from __future__ import annotations

from core.text import numbers as N
from core.understanding.lexicon import Lexicon, words

_EN = N.CARDINALS["en"]

_I_AM = r"(?:i'?m|i am|i m)"
_WE_ARE = r"(?:we'?re|we are)"
_NUMBER = rf"(?:\d{{1,2}}|{N.alternation(_EN[2:11])})"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tue|tues|thu|thurs|fri)"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)

LEXICON = Lexicon(
    greetings=(
        r"hi+",
        r"hel+o+",
        r"hallo",
        r"he+y+",
        r"hiya",
        r"howdy",
        r"greetings",
        r"good (?:morning|afternoon|evening|day)",
        r"(?:good )?mornin[g']?",
    ),
    smalltalk=(r"how are you(?: doing)?", r"how'?s it going", r"there", r"everyone"),
    affirm=(
        r"yes please|yes+|yeah|yea|yep|yup|correct|right|sure|ok(?:ay)?|exactly|indeed",
        r"that'?s (?:right|correct|her|him|them|the one|it)|that one",
        r"absolutely|of course|affirmative|sounds good|perfect|great",
    ),
    deny=(
        r"no+|nope|nah|wrong|incorrect|negative|neither|none(?: of (?:them|those))?",
        r"not (?:her|him|them|that one|this one|right|correct)",
        r"that'?s (?:not (?:right|correct|her|him|it|the one)|wrong)",
    ),
    thanks=(r"thanks?(?: you)?(?: (?:so|very) much)?", r"thx", r"ty", r"cheers", r"thank u"),
    goodbye=(
        r"(?:good)?-?bye+(?:-?bye)?",
        r"see (?:you|ya)(?: later)?",
        r"have a (?:nice|good|great) (?:day|one|evening)",
        r"that'?s all",
        r"take care",
    ),
    human=(
        r"(?:talk|speak|chat) (?:to|with) (?:a |an |some |the )?(?:real )?(?:person|human|"
        r"someone|somebody|people|receptionist|staff|employee|agent|operator|manager)",
        r"real (?:person|human)",
        r"(?:a )?human(?: being)?,? please",
        r"operator",
        r"live (?:agent|person)",
        r"get me (?:a |some)?(?:one|body|person|human)",
        r"(?:can|could) (?:someone|somebody) (?:come|help)",
        r"is (?:there )?(?:anyone|anybody) (?:there|here)",
    ),
    human_weak=(r"reception(?:ist)?", r"front desk", r"(?:an )?admin(?:istrator)?", r"help"),
    delivery=(
        r"deliver(?:y|ies|ing)?",
        r"packages?",
        r"parcels?",
        r"couriers?",
        r"(?:food )?order",
        r"wolt",
        r"bolt food",
        r"dhl",
        r"fedex",
        r"ups",
        r"dpd",
        r"omniva",
        r"drop(?:ping)? off",
        r"(?:a )?letter for",
        r"(?:needs? a )?signature",
    ),
    checkin=(
        rf"{_I_AM} here",
        rf"{_WE_ARE} here",
        r"(?:have|got) (?:a|an) (?:meeting|appointment|interview)",
        rf"{_I_AM} expected",
        rf"(?:{_I_AM}|{_WE_ARE}) visiting",
        r"check(?:ing)? ?-?in",
        r"(?:just )?arrived",
        r"(?:is|are) expecting (?:me|us)",
    ),
    host_before=(
        r"(?:here|came|come|coming) (?:too? (?:see|meet|visit)|for)",
        r"too? (?:see|meet|visit)(?: with)?",
        r"(?:can|could|may) (?:i|we) (?:see|speak to|talk to|speak with|talk with)",
        r"(?:meeting|meting|ap+oint?ment|interview|call|lunch|visit) with",
        r"meet(?:ing)?(?: with)?",
        r"visiting",
        r"(?:to|i'?d|would|will|i'?ll) visit",
        r"seeing",
        r"looking for",
        r"waiting for",
        r"(?:tell|let|call|get|page|inform|notify)",
        r"(?:i|we) need",
        r"(?:calling|call|here) for",
        r"(?:speak|talk) (?:to|with)",
    ),
    host_after=(
        r" (?:is|are) expecting (?:me|us)",
        r"'s (?:guest|visitor|appointment|meeting|interview)",
        r" knows? (?:i'?m|we'?re) (?:coming|here)",
        # "is Priya around?": asking whether someone is in is asking for them
        r" (?:around|available|in today|in the office|in|here today|free)(?= ?[?.!]| ?$)",
    ),
    recipient_before=(r"for", r"to", r"addressed to", r"attention(?: of)?", r"attn"),
    recipient_after=(),
    visitor_named=(r"my name(?: is|'s)?", r"name'?s", r"(?:you can )?call me", r"names?:"),
    visitor_self=(rf"{_I_AM}", r"this is"),
    company_before=(
        r"from",
        rf"(?:{_I_AM}|{_WE_ARE}) with",
        r"work(?:ing)? (?:for|at)",
        r"representing",
        r"on behalf of",
        r"company(?: is|:| name is)?",
        r"my company(?: is)?",
    ),
    no_company=(
        r"(?:i )?(?:don'?t|do not) have (?:a|any) company",
        r"no company",
        r"not (?:from|with) (?:a|any) company",
        r"private(?:ly| visit| person)?",
        r"personal(?: visit)?",
        r"(?:for|on) (?:a )?personal (?:reasons?|business|matter)",
        r"just visiting",
        r"not (?:here )?(?:for|on behalf of) (?:a|any) company",
        r"on my own",
        r"(?:just )?myself",
        r"just me",
        r"none",
        r"n/a",
        r"independent",
        r"freelancer?",
        r"self-?employed",
    ),
    purpose=(
        r"for (?:a |an |the |my |our )?(?P<p>job interview|interview|meeting|workshop|training|"
        r"presentation|demo|lunch|repair|maintenance|inspection|audit|consultation|tour)",
    ),
    preregister=(
        r"(?:i'?d|i would|i want to|want to|wanna|(?:i'?d )?like to|i wish to|plan(?:ning)? to)"
        r" (?:visit|come(?: in| by| over)?|drop by|book|schedule|register|arrange|set up)",
        r"book (?:a|an) (?:visit|meeting|appointment)",
        r"pre-? ?regist\w*",
        r"(?:schedule|register|plan) (?:a|an) (?:visit|meeting)",
    ),
    future_visit=(
        r"i'?ll (?:come|be coming|visit|be visiting|be there|drop by)",
        r"i will (?:come|visit|be)",
        rf"(?:{_I_AM}|{_WE_ARE}) (?:coming|visiting)",
        r"(?:meeting|appointment|interview) (?:with|on|next|tomorrow)",
    ),
    arrival=(
        r"(?:i|we) (?:have|'ve got|got) (?:a|an) (?:booking|reservation|registration)",
        rf"(?:{_I_AM}|{_WE_ARE}|i was|we were) (?:pre-? ?)?registered",
        r"i (?:pre-? ?)?registered",
        r"i booked",
        r"(?:booking|confirmation|reservation|visitor|access) (?:code|number|reference|ref)",
        r"my code",
    ),
    code_before=(r"code(?: is|:)?", r"reference(?: is|:)?", r"booking(?: number| ref)?(?: is|:)"),
    cancel=(r"cancel\w*", r"call off"),
    move=(
        r"reschedul\w*",
        r"postpone",
        r"move (?:my|the|our) (?:booking|visit|appointment|meeting|reservation)",
        r"change (?:my|the|our) (?:booking|visit|appointment|time|date|reservation)",
        r"(?:another|a different) (?:day|time|date)",
    ),
    question_words=(
        r"where",
        r"when",
        r"what(?:'s)?",
        r"whats",
        r"how",
        r"why",
        r"who",
        r"which",
        r"is there",
        r"are there",
        r"do you",
        r"does",
        r"can i",
        r"could i",
        r"may i",
        r"is it",
        r"are you",
        r"is the",
        r"do i",
    ),
    info_words=(
        r"where",
        r"when",
        r"what(?:'s)?",
        r"whats",
        r"how",
        r"why",
        r"do you",
        r"is there",
        r"are there",
        r"does",
    ),
    party=(
        rf"(?:{_WE_ARE}|there (?:are|'re)) (?P<n>{_NUMBER})(?: of us| people| persons)?"
        r"(?! (?:min|minutes?|hours?|mins|days?))",
        rf"(?P<n>{_NUMBER}) of us",
        rf"(?:party|group) of (?P<n>{_NUMBER})",
        rf"(?:with|and|plus) (?P<plus>{_NUMBER}|a|one) (?:colleagues?|others?|people|friends?|"
        r"co-?workers?|guests?|persons?)",
    ),
    other_one=(
        r"(?:the )?other (?:one|person|guy|lady|woman|man|sarah)",
        r"the other",
        r"(?:someone|somebody) else",
        r"(?:a )?different (?:one|person)",
    ),
    negation=(r"not",),
    contrast=(r"but(?: rather)?", r"rather", r"i mean", r"i meant"),
    meant=(r"i (?:meant|mean)", r"i said", r"actually"),
    dates=(
        rf"(?P<d>(?:(?:next|this|coming) )?{_DAY})",
        r"(?P<d>today|tomorrow|(?:the )?day after tomorrow|tonight)",
        r"(?P<d>(?:next|this) (?:week|month))",
        rf"(?P<d>(?:the )?\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}(?:,? \d{{4}})?)",
        rf"(?P<d>{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?)",
        r"(?P<d>\d{4}-\d{2}-\d{2})",
        # 12/03, 12.03.2025 — but not a room number such as 2.05
        r"(?P<d>\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)",
    ),
    times=(
        r"(?P<t>\d{1,2}(?::\d{2})? ?(?:am|pm|a\.m\.|p\.m\.))",
        r"(?P<t>\d{1,2}:\d{2})",
        r"at (?P<t>\d{1,2}(?:[:.]\d{2})?(?: o'?clock)?"
        r"(?: ?(?:am|pm|in the morning|in the afternoon|in the evening))?)",
        # "at three" alone may be anything ("at three of us"); with o'clock or a part of
        # the day it is a time (a booking's "what time?" reads the bare reply anyway).
        rf"at (?P<t>(?:{N.alternation(_EN[1:13])})"
        r"(?: o'?clock| ?(?:am|pm)| in the (?:morning|afternoon|evening)))",
        r"(?P<t>(?:half|quarter) past \w+|quarter to \w+)",
        r"(?P<t>noon|midday)",
    ),
    today=(r"today", r"now", r"right now", r"tonight", r"this (?:morning|afternoon|evening)"),
    injection=(
        r"ignore (?:all |any |your |the |previous |prior |above )*(?:rules|instructions|prompts?)",
        r"disregard (?:all |any |your |the |previous )*(?:rules|instructions)",
        r"forget (?:all |your |the )*(?:rules|instructions)",
        r"system ?:",
        r"assistant ?:",
        r"(?:admin|developer|debug|god) mode",
        r"you are now",
        r"new instructions",
        r"jailbreak",
        r"notify (?:everyone|everybody|all)",
        r"prompt injection",
    ),
    stopwords=words(
        "a an the and or but nor so to of in on at by for from with without about regarding "
        "re into as is am are was were be been do does did have has had i i'm im i've i'd i'll "
        "me my mine myself we we're our us you you're your he he's him his she she's her it "
        "it's its they them their this that these those there here where when what who whom "
        "which why how please pls plz thanks thank thx ty cheers hi hello hey ok okay yes yeah "
        "yep no nope not today tomorrow tonight now soon later morning afternoon evening noon "
        "pm o'clock next last week monday tuesday wednesday thursday friday saturday sunday "
        "meeting appointment interview call lunch delivery package parcel courier order visit "
        "visiting see seeing meet looking waiting expecting expected someone somebody anyone "
        "anybody everyone everybody all staff team office floor room department company name "
        "booking reservation code just also too again sorry excuse late early fine good great "
        "new back lost called named can could would should shall might must let know tell get "
        "give find need want like one other another person human guy lady man woman colleague "
        "colleagues coworker people friend friends boss manager receptionist reception desk "
        "front help thing stuff check arrived because some any don't dont sure yet really think "
        "guess maybe probably mean meant sign pick drop leave deliver collect wrong right correct "
        "ready outside downstairs upstairs nobody noone none neither"
    )
    | frozenset(_EN[2:11]),
    titles=words("dr dr. mr mr. mrs mrs. ms ms. miss prof prof. professor doctor sir madam"),
    numbers={"a": 1} | N.readings(_EN, 1, 10),
    ordinals={"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3}
    | {"4th": 3, "fifth": 4, "5th": 4, "last": -1, "latter": -1, "former": 0},
    departments={
        r"engineer\w*|development|developers?|dev team|it department|tech team": "Engineering",
        r"marketing": "Marketing",
        r"financ\w*|accounting|accounts|bookkeeping": "Finance",
        r"hr|human resources|personnel|people team": "Human Resources",
        r"sales": "Sales",
        r"legal|lawyers?": "Legal",
        r"design(?:ers?)?": "Design",
        r"research|r&d": "Research",
        r"customer (?:support|service)|support": "Customer Support",
        r"operations|ops": "Operations",
        r"management|the board|executives?": "Management",
        r"reception|front desk": "Reception",
    },
    legal_forms=words("llc ltd ltd. inc inc. corp corp. co co. plc gmbh ab oy sia uab lp llp"),
    apology=(r"sorry", r"excuse me", r"pardon(?: me)?", r"apologies", r"my apologies"),
    politeness=(r"please", r"pls", r"plz", r"kindly"),
    acknowledge=(
        r"ok(?:ay)?|okey|alright|all right|got it|understood|i see|noted|fine|cool|gotcha",
    ),
    language_switch={
        rf"(?:(?:can|could) (?:we|you) |let'?s |please )?(?:speak|talk|continue|switch to|"
        rf"answer)(?: in)? {lang}(?: please)?|(?:in )?{lang},? please": code
        for lang, code in (("english", "en"), ("estonian", "et"), ("russian", "ru"))
    },
    visit_cues=(
        r"(?:here|came|come|coming) for",
        r"too? (?:see|meet|visit)(?: with)?",
        r"(?:meeting|meting|ap+oint?ment|interview) with",
        r"visiting",
    ),
)
