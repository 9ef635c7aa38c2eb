"""Word lists the resolver needs: titles, filler, common non-name words, department synonyms.

Kept apart from the logic so they can grow without touching it. Everything here is lower-case
and, for Latin words, already folded (no diacritics), because that is how queries are compared.
"""

from __future__ import annotations


def _wordset(text: str) -> frozenset[str]:
    """A set from a whitespace-separated block: long lists stay readable in the source."""
    return frozenset(text.split())


# Titles and honorifics in English, Estonian and Russian, with the Russian case forms a title
# takes in front of a declined name ("господину Петрову", "к доктору Патель").
TITLES: frozenset[str] = _wordset(
    """
    mr mrs ms miss mister missus sir madam madame dame dr doctor prof professor
    harra hr proua pr preili prl doktor
    господин господина господину господином господине госпожа госпожи госпоже госпожу
    госпожой доктор доктора доктору доктором докторе профессор профессора профессору
    профессором профессоре мистер мистера мистеру мистером миссис мисс гражданин гражданина
    гражданину гражданка гражданки гражданке товарищ товарища товарищу
    """
)

# Words the understanding layer may leave around a name. They are dropped before matching;
# if a query is nothing but filler, the words are matched after all (someone may be called
# "Will"), so no real name needs to be left out of this list for safety.
FILLER: frozenset[str] = _wordset(
    """
    a an the to for with from of in at on and or is am are was be i im i'm me my we our you
    your please pls here see meet meeting visit visiting looking who whom one that this
    guy lady man woman person called named name it its plz thanks thank hi hello hey
    department dept team office room have has had got need want would like appointment
    mul mulle minul meil
    ma mina me meie sa sina te teie on olen oleks tulin tulen tahan tahaksin otsin soovin
    palun juurde juures juurest poole jaoks kohtuma kohtumine kohtumiseks nagema naha
    see too kes et ja ning tere aitah osakond osakonnast osakonnas
    к ко с со у в во на для от до по о об я мне меня мы нам вы вам ты пришел пришла пришли
    пожалуйста ищу нужен нужна нужно хочу хотел хотела встреча встречу встретиться увидеть
    видеть зовут это тот та который которая здравствуйте привет спасибо отдел отдела
    отделе из
    """
)

# Everyday words that a confused extraction may hand over instead of a name. They may match
# a name only exactly, never fuzzily or by sound: "pizza" must not find "Pizzo", and
# "everyone" must not find "Evert". (A person really called "Rose" still matches "rose".)
COMMON_WORDS: frozenset[str] = _wordset(
    """
    everyone everybody anyone anybody someone somebody nobody noone all none whoever
    toilet toilets restroom restrooms bathroom bathrooms wc loo lavatory
    pizza food lunch dinner breakfast coffee tea water snack sandwich burger sushi
    delivery deliveries package packages parcel parcels courier mail post letter
    reception receptionist manager managers boss ceo cto cfo director chief head staff
    security guard admin administrator support helpdesk it hr human humans people person
    operator agent bot robot assistant ai system prompt instructions rules rule ignore
    notify notification message all previous override password passwords secret
    meeting interview appointment booking reservation visit visitor guest guests
    taxi uber cab parking car elevator lift stairs exit entrance door kitchen
    wifi internet printer phone call help emergency fire police ambulance
    yes no yeah yep nope okay ok sure maybe nothing something anything everything
    hello goodbye bye thanks
    koik koiki koigile koigi keegi kedagi ukskoik tualett tualetti wc kohv kohvi tee vesi
    pakk paki pakkide kuller kulleri postiljon juht juhataja direktor ulemus
    vastuvott turvamees abi appi jah ei tanan parkimine lift uks
    все всем всех всё кто-нибудь кто-то никто любой туалет туалета пицца пиццу еда кофе
    чай вода посылка посылку посылки курьер доставка директор начальник менеджер охрана
    администратор ресепшн ресепшен помощь да нет спасибо такси лифт парковка
    """
)

# Department words in Estonian and Russian (stems: a query word that starts with one of them
# counts), mapped to the English department token the directory CSV uses.
DEPARTMENT_SYNONYMS: dict[str, str] = {
    "arendus": "engineering",
    "insener": "engineering",
    "tehnik": "engineering",
    "разработ": "engineering",
    "инженер": "engineering",
    "turundus": "marketing",
    "маркетинг": "marketing",
    "finants": "finance",
    "raamatupid": "finance",
    "финанс": "finance",
    "бухгалтер": "finance",
    "muuk": "sales",
    "продаж": "sales",
    "jurist": "legal",
    "oigus": "legal",
    "юрист": "legal",
    "юридическ": "legal",
    "personal": "human",
    "кадр": "human",
    "disain": "design",
    "дизайн": "design",
    "teadus": "research",
    "uurimis": "research",
    "исследован": "research",
    "klienditugi": "customer",
    "klienditoe": "customer",
    "поддержк": "support",
    "juhatus": "management",
    "juhtkond": "management",
    "руководств": "management",
    "vastuvott": "reception",
    "ресепш": "reception",
    "приемн": "reception",
    "операци": "operations",
}
