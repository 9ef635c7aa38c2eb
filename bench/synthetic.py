"""A synthetic directory of English, Estonian and Russian names, for the bench and tests.

Common names come from short lists (so "Sarah" and "Tamm" are shared by many people, as in
a real company); a long tail of generated surnames gives the vocabulary a realistic size.
Russians from the lists carry a Cyrillic alias, a few English names a nickname, and about
2 % of people have left. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from core.directory.types import Person


def _split(text: str) -> list[str]:
    """Long word lists stay readable as whitespace-separated blocks."""
    return text.split()


EN_FIRST = _split(
    """
    James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew Anthony
    Mark Steven Paul Andrew Joshua Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan
    Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory
    Frank Alexander Raymond Patrick Jack Dennis Jerry Tyler Aaron Mary Patricia Jennifer Linda
    Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly
    Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura
    Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine
    Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Olivia Julie Joyce
    Victoria Priya Wei Chen Raj
    """
)
EN_LAST = _split(
    """
    Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
    Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
    Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
    Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips
    Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook
    Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
    Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez
    Castillo Sanders Patel Myers Long Ross Foster Jimenez Chen Wang Li Zhang Liu Singh O'Brien
    O'Connor McDonald MacLeod Fitzgerald
    """
)
ET_FIRST = _split(
    """
    Jüri Jaan Peeter Toomas Andres Tõnu Mati Ants Rein Tiit Urmas Margus Priit Indrek Tarmo
    Aivar Raivo Sander Rasmus Karl Martin Marko Kristjan Siim Mihkel Ott Joonas Kaspar Mari Liis
    Kadri Kati Triin Tiina Ülle Ene Merike Piret Kärt Kristiina Maarja Helen Anu Eve Tiiu Külli
    Ly Kersti Ingrid Marju Pille Reet Sirje Õie Aino Laura Grete Mirjam Kätlin
    """
)
ET_LAST = _split(
    """
    Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Kuusk Karu Lepik Kõiv Oja Raudsepp
    Vaher Kallas Mets Luik Lepp Kivi Teder Põder Lõhmus Jõgi Laur Kangur Mänd Kull Kuusik Paju
    Õunapuu Sild Toom Kruus Ots Parts Järv Liiv Rand Mölder Tamme Aavik Nurk Kütt Uibo Hunt Lill
    Kuus Sarapuu Laas Tomson Peterson Lember Vares Põldma Raud Hein
    """
)
RU_FIRST = _split(
    """
    Ivan:Иван Aleksei:Алексей Dmitri:Дмитрий Sergei:Сергей Andrei:Андрей Mikhail:Михаил
    Nikolai:Николай Vladimir:Владимир Yuri:Юрий Pavel:Павел Igor:Игорь Oleg:Олег Maksim:Максим
    Artjom:Артём Anton:Антон Boris:Борис Viktor:Виктор Roman:Роман Denis:Денис
    Konstantin:Константин Anna:Анна Olga:Ольга Yelena:Елена Tatjana:Татьяна Natalja:Наталья
    Irina:Ирина Svetlana:Светлана Marina:Марина Yekaterina:Екатерина Maria:Мария Julia:Юлия
    Anastasia:Анастасия Ksenia:Ксения Darja:Дарья Polina:Полина Vera:Вера Ljudmila:Людмила
    Galina:Галина Oksana:Оксана
    """
)
RU_FEMALE = {first.split(":")[0] for first in RU_FIRST[20:]}  # the list's second half
RU_LAST = _split(
    """
    Ivanov:Иванов Smirnov:Смирнов Kuznetsov:Кузнецов Popov:Попов Vasiljev:Васильев Petrov:Петров
    Sokolov:Соколов Mikhailov:Михайлов Novikov:Новиков Fjodorov:Фёдоров Morozov:Морозов
    Volkov:Волков Aleksejev:Алексеев Lebedev:Лебедев Semjonov:Семёнов Jegorov:Егоров
    Pavlov:Павлов Kozlov:Козлов Stepanov:Степанов Nikolajev:Николаев Orlov:Орлов
    Andrejev:Андреев Makarov:Макаров Nikitin:Никитин Zaitsev:Зайцев Solovjov:Соловьёв
    Borisov:Борисов Jakovlev:Яковлев Grigorjev:Григорьев Romanov:Романов Vorobjov:Воробьёв
    Sergejev:Сергеев Frolov:Фролов Aleksandrov:Александров Dmitrijev:Дмитриев Koroljov:Королёв
    Gusev:Гусев Kisseljov:Киселёв Iljin:Ильин Maksimov:Максимов Poljakov:Поляков Sorokin:Сорокин
    Belov:Белов Medvedev:Медведев Antonov:Антонов Tarassov:Тарасов
    """
)
NICKNAMES = {
    "James": "Jim",
    "Michael": "Mike",
    "William": "Bill",
    "Robert": "Bob",
    "Richard": "Rick",
    "Catherine": "Kate",
    "Katherine": "Katie",
    "Elizabeth": "Liz",
    "Margaret": "Maggie",
    "Thomas": "Tom",
    "Daniel": "Dan",
    "Alexander": "Alex",
}
DEPARTMENTS = [
    "Engineering",
    "Marketing",
    "Finance",
    "Sales",
    "Legal",
    "Human Resources",
    "Design",
    "Research",
    "Operations",
    "Customer Support",
    "Management",
    "Reception",
    "Logistics",
    "Quality Assurance",
    "Security",
]

_ONSETS = {
    "et": "k t p s m n l r v j h kr pr tr",
    "en": "b c d f g h l m n p r s t w br cr st th sh ch",
    "ru": "b v g d z k l m n p r s t sh zh ch kr gr",
}
_VOWELS = {
    "et": "a e i o u õ ä ü aa ee ii uu ei ai õu",
    "en": "a e i o u ea oo ai ou",
    "ru": "a e i o u ya",
}
_CODAS = {"et": "- n l r s t k m", "en": "- n l r s t ck m ng", "ru": "- n l r s t k m"}
_ENDINGS = {
    "et": "mets maa saar mäe oja puu kivi lane nurm vere küla aru soo mägi väli rand salu - -",
    "en": "ford ley ton well wood field by ham more worth ridge wick bury dale land shaw - -",
    "ru": "ov ev in enko sky ovich ikov anov - -",
}


def _tail_surname(rng: random.Random, culture: str) -> str:
    """A made-up surname of at least five letters (short real ones come from the lists)."""
    while len(name := _syllables(rng, culture)) < 5:
        pass
    return name


def _syllables(rng: random.Random, culture: str) -> str:
    parts = []
    for _ in range(rng.choice((1, 2, 2))):
        coda = rng.choice(_CODAS[culture].split())
        parts.append(
            rng.choice(_ONSETS[culture].split())
            + rng.choice(_VOWELS[culture].split())
            + ("" if coda == "-" else coda)
        )
    ending = rng.choice(_ENDINGS[culture].split())
    return ("".join(parts) + ("" if ending == "-" else ending)).capitalize()


def _russian(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    first_lat, first_cyr = rng.choice(RU_FIRST).split(":")
    last_lat, last_cyr = rng.choice(RU_LAST).split(":")
    if first_lat in RU_FEMALE:
        last_lat, last_cyr = last_lat + "a", last_cyr + "а"
    alias = (f"{first_cyr} {last_cyr}",) if rng.random() < 0.7 else ()
    return f"{first_lat} {last_lat}", alias


def generate_people(count: int, *, seed: int = 7, tail_share: float = 0.45) -> list[Person]:
    """`count` people with ids 1..count; `tail_share` of surnames come from the long tail."""
    rng = random.Random(seed)
    people: list[Person] = []
    for pid in range(1, count + 1):
        culture = rng.choices(("en", "et", "ru"), weights=(0.45, 0.35, 0.20))[0]
        aliases: tuple[str, ...] = ()
        if culture == "ru" and rng.random() > tail_share:
            name, aliases = _russian(rng)
        else:
            first = rng.choice({"en": EN_FIRST, "et": ET_FIRST, "ru": RU_FIRST}[culture])
            first = first.split(":")[0]
            if rng.random() < tail_share:
                last = _tail_surname(rng, culture)
            else:
                last = rng.choice({"en": EN_LAST, "et": ET_LAST, "ru": RU_LAST}[culture])
                last = last.split(":")[0]
            if first in RU_FEMALE and last.endswith(("ov", "ev", "in")):
                last += "a"
            name = f"{first} {last}"
            if first in NICKNAMES and rng.random() < 0.5:
                aliases = (NICKNAMES[first],)
        people.append(
            Person(
                id=pid,
                name=name,
                department=rng.choice(DEPARTMENTS),
                aliases=aliases,
                active=rng.random() > 0.02,
            )
        )
    return people
