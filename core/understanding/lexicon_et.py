"""Estonian. Names carry case endings ("Jüri Tammega", "Tamme juurde", "Mari Mäge"); the
rules keep them and leave stripping to the directory resolver."""

from __future__ import annotations

from core.text import numbers as N
from core.understanding.lexicon import Lexicon, words

_ET = N.CARDINALS["et"]
_ET_GENITIVE = {N.et_genitive(n): n for n in range(2, 11)}  # kahe … kümne

_DAYS = r"(?:esmaspäeval|teisipäeval|kolmapäeval|neljapäeval|reedel|laupäeval|pühapäeval)"
_MONTHS = (
    r"(?:jaanuaril|veebruaril|märtsil|aprillil|mail|juunil|juulil|augustil|septembril|"
    r"oktoobril|novembril|detsembril)"
)
_NUMBER = rf"(?:\d{{1,2}}|{N.alternation(_ET[2:11])})"
_GENITIVE = rf"(?:\d{{1,2}}|{N.alternation(_ET_GENITIVE)})"
_WANT = r"(?:tahan|tahaksin|tahaks|soovin|sooviksin|soovime|tahame|sooviks)"

LEXICON = Lexicon(
    greetings=(
        r"tere+(?: (?:päevast|hommikust|õhtust))?",
        r"tervist",
        r"hommikust",
        r"päevast",
        r"õhtust",
        r"hei",
        r"tsau",
        r"tšau",
        r"tsauki",
    ),
    smalltalk=(r"kuidas läheb", r"kuidas käsi käib", r"kõigile"),
    affirm=(
        r"jah",
        r"jaa+",
        r"jap",
        r"jep",
        r"just(?: nii| jah)?",
        r"õige",
        r"täpselt",
        r"muidugi",
        r"sobib",
        r"olgu",
        r"nii on",
        r"see on õige",
        r"kindlasti",
        r"okei",
        r"selge",
        r"seesama",
    ),
    deny=(
        r"ei+",
        r"ei ole",
        r"pole",
        r"vale",
        r"see pole (?:õige|tema)",
        r"mitte (?:see|tema|teda)",
        r"(?:mitte )?(?:keegi|ükski)(?: neist)?",
    ),
    thanks=(r"(?:suur )?aitäh", r"aita", r"aitüma", r"tänan(?: väga)?", r"tänud", r"tänks"),
    goodbye=(
        r"nägemist",
        r"nägemiseni",
        r"head aega",
        r"head päeva",
        r"(?:ilusat|kena|head) päeva(?: jätku)?",
        r"hüvasti",
        r"see on kõik",
    ),
    human=(
        r"(?:elava |päris |pärise )?inimese(?:ga|le)",
        r"elav inimene",
        r"päris inimene",
        r"klienditeenindaja\w*",
        r"operaator\w*",
        r"administraator\w*",
        r"kutsu(?:ge)? (?:keegi|kedagi|kellegi|(?:üks |mõni )?inimene|inimese)",
        r"kellegagi rääkida",
        r"rääkida kellegagi",
    ),
    human_weak=(r"vastuvõt\w*", r"infolaud\w*", r"registratuur\w*", r"appi"),
    delivery=(
        r"pak(?:k|ki|kide|id|iga|ike|ikese)",
        r"kuller\w*",
        r"saadetis\w*",
        r"(?:toidu)?tellimus\w*",
        r"kätte ?toimeta\w*",
        r"kohale ?toimeta\w*",
        r"tõin (?:paki|saadetise|tellimuse|kirja)",
    ),
    checkin=(
        r"(?:mul|meil) on (?:kohtumine|koosolek|aeg|intervjuu|kokkusaamine|töövestlus)",
        r"tulin",
        r"tulime",
        r"saabusin",
        r"saabusime",
        r"olen kohal",
        r"ootab mind",
        r"ootavad mind",
    ),
    host_before=(
        r"kohtumine",
        r"kohtumist",
        r"koosolek",
        r"kokkusaamine",
        r"kohtuda",
        r"kohtuma",
        r"kohtumiseks",
        r"kokku (?:saada|leppinud|lepitud)",
        r"otsin",
        r"otsime",
        rf"{_WANT} (?:näha|kohtuda|rääkida)",
        r"tul(?:in|ime|en|eme)",
        r"ootan",
        r"(?:mind|meid) ootab",
        r"külastan",
        r"külastada",
        r"intervjuu",
        r"aeg",
    ),
    host_after=(
        r" juurde",
        r" juures",
        r" poole",
        r" külla",
        r" (?:kutsuda|kutsuksite|välja kutsuda)",  # "kas saaksite Jüri Tamme kutsuda?"
        r" ootab (?:mind|meid)",
        r" külali(?:ne|sed|sena)",
        r" on (?:majas|kohal|tööl|siin|olemas)(?= ?[?.!]| ?$)",
        r"(?<=ga) (?:kohtumine|kohtumist|koosolek|kokkusaamine|kohtuma|kohtuda|kokku)",
    ),
    recipient_before=(r"pak(?:k|id)", r"saadetis", r"kiri", r"tellimus", r"adressaat(?: on)?"),
    recipient_after=(r" jaoks", r" nimele", r" nimel"),
    visitor_named=(r"(?:minu |mu )?nimi on", r"nimeks on", r"mind kutsutakse"),
    visitor_self=(r"(?:ma |mina )?olen", r"siin on", r"see on"),
    company_before=(
        r"firmast",
        r"ettevõttest",
        r"firmas",
        r"ettevõttes",
        r"firma(?: on|:)?",
        r"ettevõte(?: on|:)?",
        r"esindan",
        r"organisatsioonist",
        r"asutusest",
    ),
    no_company=(
        r"eraisik\w*",
        r"erakülastus\w*",
        r"isiklik(?:ult| külastus| visiit)?",
        r"eraviisili\w*",
        r"isiklik\w* (?:asja\w*|põhjus\w*)",
        r"omal käel",
        r"(?:pole|ei ole) (?:firmat|ettevõtet)",
        r"(?:firmat|ettevõtet) (?:ei ole|pole)",
        r"(?:ei ole|pole|ei tule) (?:ühestki |mingist )?(?:firma|ettevõtte)st",
        r"ilma firmata",
        r"(?:mitte|ei) (?:kusagilt|kuskilt)",
        r"ei esinda (?:kedagi|ühtegi firmat)",
        r"puudub",
    ),
    purpose=(
        r"(?P<p>tööintervjuule|intervjuule|töövestlusele|vestlusele|kohtumisele|koosolekule|"
        r"koolitusele|esitlusele|lõunale|hooldusele|remonti|konsultatsioonile|"
        r"läbirääkimistele)",
    ),
    preregister=(
        rf"{_WANT} (?:tulla|külastada|registreerida|broneerida|aja kinni panna|külla tulla)",
        r"eelregistree\w*",
        r"registreerida (?:külastus|visiit)",
        r"(?:panna|pane) aeg kinni",
        r"broneerida (?:aeg|külastus)",
    ),
    future_visit=(r"tulen", r"tuleme", r"tulla", r"külastan", r"plaanin tulla"),
    arrival=(
        r"(?:mul|meil) on broneering",
        r"broneering\w*",
        r"(?:olen|oleme) (?:eel)?registree\w*",
        r"registreerusin",
        r"registreerisin",
        r"broneerisin",
        r"(?:broneeringu|registreerimis)kood",
    ),
    code_before=(r"kood(?: on|:)?", r"broneeringu (?:number|kood)(?: on|:)?"),
    cancel=(r"tühist\w*", r"loobu(?:n|da|ma)"),
    move=(
        r"(?:muuta|muuda|muudan|muutma|muutke) (?:\w+ )?(?:aega|kellaaega|kuupäeva|"
        r"broneeringut|külastust)",
        r"nihuta\w*",
        r"edasi lükata",
        r"ümber broneeri\w*",
        r"teisele (?:päevale|ajale|kuupäevale)",
        r"teine aeg",
    ),
    question_words=(
        r"kus",
        r"kuhu",
        r"kust",
        r"millal",
        r"mis",
        r"mida",
        r"mitu",
        r"kuidas",
        r"miks",
        r"kes",
        r"kelle",
        r"kas",
        r"kui palju",
    ),
    info_words=(
        r"kus",
        r"kuhu",
        r"kust",
        r"millal",
        r"mis",
        r"mida",
        r"kuidas",
        r"miks",
        r"kas (?:teil|siin|te) (?:on|saab|räägite)",
    ),
    party=(
        rf"meid on (?P<n>{_NUMBER})",
        r"(?:me )?oleme (?P<n>\w{2,9}kesi)",
        rf"(?P<n>(?:{N.alternation(_ET_GENITIVE)})kesi)",
        rf"(?:koos|ja) (?P<plus>{_GENITIVE}) (?:kolleeg\w*|inimes\w*|sõbra\w*|külalis\w*)",
        r"(?P<pair>koos (?:kolleegi|sõbra|külalise)ga)",
    ),
    other_one=(r"see teine", r"teine (?:inimene|isik)", r"keegi teine", r"teine"),
    negation=(r"mitte",),
    contrast=(r"vaid(?: ikka)?", r"aga", r"ikka"),
    meant=(r"(?:ma )?mõtlesin", r"mõtlen", r"pidasin silmas"),
    dates=(
        r"(?P<d>täna|homme|ülehomme)",
        rf"(?P<d>(?:järgmisel|tuleval|sel) (?:nädalal|kuul|{_DAYS}))",
        rf"(?P<d>{_DAYS})",
        rf"(?P<d>\d{{1,2}}\. ?{_MONTHS}(?: \d{{4}})?)",
    ),
    times=(
        r"(?P<t>(?:kell|kl\.?) ?\d{1,2}(?:[:.]\d{2})?)",
        r"(?P<t>kell (?:pool|veerand|kolmveerand) \w+)",
        rf"(?P<t>kell (?:{N.alternation(_ET[1:13])}))",
    ),
    today=(r"täna", r"praegu", r"kohe", r"nüüd"),
    injection=(
        r"unusta (?:kõik )?(?:reeglid|juhised|juhendid)",
        r"ignoreeri\w*",
        r"eira (?:reegleid|juhiseid)",
        r"(?:admin|administraatori)režiim\w*",
        r"teavita kõiki",
        r"sa oled nüüd",
    ),
    stopwords=words(
        "ja ning ka ega aga vaid või kui et sest siis nüüd veel juba ikka ma mina mu minu mul "
        "minul me meie meil meid meile sa sina su sinu te teie teil teid teile ta tema tal "
        "teda talle nad nemad neil see seda selle siin seal sinna siia on olen oled oleme "
        "olete ole oli olin pole ei tulin tulen tuli tulime tuleme tulla otsin otsime ootab "
        "ootan soovin sooviksin tahan tahaksin tahaks saab saaks saan saaksin kohtuda kohtuma "
        "näha rääkida räägite kohtumine kohtumist kohtumisele koosolek koosolekule intervjuu "
        "intervjuule aeg aega firma firmast firmas ettevõte ettevõttest nimi nimel nimele pakk "
        "saadetis kuller juurde juures poole külla jaoks täna homme ülehomme kell kl hommikul "
        "õhtul lõunal järgmisel tuleval jah jaa just õige vale täpselt aitäh tänan palun tere "
        "tervist kus kas mis mida kes kelle millal kuidas miks mitte keegi kedagi kellegagi "
        "kõik kõiki kõigile kõigiga teine esimene kolmas viimane praegu kohe väga hea head "
        "nägemist vabandust inimesega broneering kood arvan vist ilmselt ehk tea ükski "
        "kohal juba jälle valmis hiljaks varakult"
    )
    | frozenset(_ET[2:11]),
    titles=words("hr hr. pr pr. härra proua preili doktor"),
    # "kaks", "kahe kolleegiga", "kahekesi"
    numbers=N.readings(_ET, 1, 10)
    | _ET_GENITIVE
    | {f"{word}kesi": n for word, n in _ET_GENITIVE.items()},
    ordinals={"esimene": 0, "esimest": 0, "esimese": 0, "esimesega": 0, "teine": 1, "teist": 1}
    | {"teise": 1, "teisega": 1, "kolmas": 2, "kolmandat": 2, "kolmanda": 2, "neljas": 3}
    | {"neljandat": 3, "viies": 4, "viiendat": 4, "viimane": -1, "viimast": -1, "viimase": -1},
    departments={
        r"arendus\w*|insener\w*|tehnika\w*": "Engineering",
        r"turundus\w*": "Marketing",
        r"finants\w*|raamatupidami\w*": "Finance",
        r"personali\w*": "Human Resources",
        r"müügi\w*|müük\w*": "Sales",
        r"õigus\w*|jurist\w*": "Legal",
        r"disain\w*": "Design",
        r"teadus\w*|uurimis\w*": "Research",
        r"klienditugi|klienditoe\w*": "Customer Support",
        r"juhatus\w*|juhtkon\w*": "Management",
        r"vastuvõt\w*": "Reception",
    },
    legal_forms=words("oü as mtü sa fie tü ou"),
    apology=(r"vabandust", r"vabandage", r"vabanda", r"andestust", r"andke andeks"),
    politeness=(r"palun", r"olge hea", r"olge kena"),
    acknowledge=(r"selge|okei|ok|hästi|hea küll|arusaadav|sain aru|saan aru|olgu|mhm|tore",),
    language_switch={
        rf"(?:kas )?(?:saame|saaks|saaksime|võiks|võime|räägime|räägiks|rääkige|räägite|palun)"
        rf"(?: parem| palun| me)? {lang} keeles(?: rääkida| palun)?|{lang} keeles,? palun": code
        for lang, code in (("inglise", "en"), ("eesti", "et"), ("vene", "ru"))
    },
    visit_cues=(
        r"kohtumi(?:ne|st|seks)",
        r"kohtuda",
        r"kohtuma",
        r"koosolek",
        r"kokkusaamine",
        r"külastan",
        r"tul(?:in|ime) {name} (?:juurde|külla)",
        r"(?:olen|oleme) tulnud {name} (?:juurde|külla)",
    ),
)
