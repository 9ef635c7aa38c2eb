"""Given names that stand for one another: a name and its everyday forms (hypocorisms).

Visitors call people what everybody calls them: Dick for Richard, Peggy for Margaret, Саша
for Александр, Jaan for Johannes. This is data, not rules: each line below is one class of
names that may stand for each other (in any script; Cyrillic members are read in Latin
letters like any query word). A name may belong to several classes (Sam: Samuel, Samantha).

Such a match is weak evidence by design (see `scoring.WEAK_CAP`): it counts only beside a
strongly matched word of the same name, so "Dick Wright" finds Richard Wright but "Dick"
alone finds nobody.
"""

from __future__ import annotations

from core.text.fold import fold
from core.text.translit import latin_readings

CLASSES = """
richard dick rick ricky rich richie
robert bob bobby rob robbie bert
william bill billy will willy liam
margaret peggy maggie meg marge margie greta
edward ted teddy ed eddie ned
edmund ed eddie ned
elizabeth liz lizzie beth betty eliza libby bess elsie
catherine katherine kathryn kate katie kathy cathy kat
james jim jimmy jamie
john johnny jack
jacob jake
joseph joe joey
michael mike mikey mick mickey
thomas tom tommy
charles charlie chuck
christopher chris kit
christine christina chris chrissy tina
daniel dan danny
david dave davy
anthony tony
andrew andy drew
benjamin ben benny
samuel sam sammy
samantha sam sammy
nicholas nick nicky
matthew matt
patrick pat paddy
patricia pat patty trish tricia
steven stephen steve
timothy tim timmy
alexander alex sandy
alexandra alex sandra sandy
jennifer jenny jen
rebecca becky becca
susan sue susie suzy
deborah debra debbie deb
victoria vicky tori
pamela pam
barbara barb barbie
dorothy dot dottie
kimberly kim
jessica jess jessie
amanda mandy
stephanie steph
gregory greg
jeffrey geoffrey jeff
kenneth ken kenny
ronald ron ronnie
donald don donnie
raymond ray
lawrence laurence larry
gerald gerry jerry
aleksandr aleksander alexander саша саня шура
aleksandra alexandra саша шура
дмитрий dmitri dmitry dimitri дима митя
михаил mikhail mihhail миша
сергей sergei sergey серёжа серёга
николай nikolai nikolay коля
владимир vladimir володя вова
юрий juri yuri юра
павел pavel паша
иван ivan ваня
алексей aleksei alexey aleksey алёша лёша
андрей andrei andrey андрюша
константин konstantin костя
максим maksim maxim макс
борис boris боря
виктор viktor витя
евгений jevgeni yevgeny evgeny женя
евгения jevgenia yevgenia женя
екатерина jekaterina yekaterina ekaterina катя
татьяна tatjana tatiana tatyana таня
наталья natalia natalja natalya наташа
елена jelena yelena elena лена
ольга olga оля
ирина irina ира
светлана svetlana света
мария maria marija маша
анастасия anastasia anastassia настя
людмила ljudmila lyudmila люда
юлия julia julija yulia юля
ксения ksenia ksenija ксюша
анна anna аня
галина galina галя
johannes juhan jaan jaanus hannes johan juku
elisabet eliisabet liisa liisi liis
katariina kati kaie
"""


def _readings(member: str) -> tuple[str, ...]:
    return latin_readings(fold(member))


def _build() -> dict[str, frozenset[str]]:
    """Every reading of every member → the readings of the other members of its classes."""
    related: dict[str, set[str]] = {}
    for line in CLASSES.strip().splitlines():
        members = [set(_readings(m)) for m in line.split()]
        everyone = set().union(*members)
        for own in members:
            for reading in own:
                related.setdefault(reading, set()).update(everyone - own)
    return {reading: frozenset(others) for reading, others in related.items()}


_RELATED = _build()


def related(readings: tuple[str, ...]) -> tuple[str, ...]:
    """Readings of the names that the given readings of one word may stand for."""
    out: dict[str, None] = {}
    for reading in readings:
        for other in sorted(_RELATED.get(reading, ())):
            if other not in readings:
                out.setdefault(other, None)
    return tuple(out)
