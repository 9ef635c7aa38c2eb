"""Given names that stand for one another: a name and its everyday forms (hypocorisms).

Visitors call people what everybody calls them: Dick for Richard, Peggy for Margaret, Саша
for Александр, Jaan for Johannes. This is data, not rules: each line below is one class of
names that may stand for each other (in any script; Cyrillic members are read in Latin
letters like any query word). A name may belong to several classes (Sam: Samuel, Samantha).
A Cyrillic word is looked up by its readings and by how it sounds (`phonetic.heard`), so
"Дик" and "Боб" find their classes though no class spells them in Cyrillic.

Such a match is weak evidence by design (see `scoring.WEAK_CAP`): it counts only beside a
strongly matched word of the same name, so "Dick Wright" finds Richard Wright but "Dick"
alone finds nobody.
"""

from __future__ import annotations

from core.directory.phonetic import heard
from core.text.fold import fold
from core.text.translit import has_cyrillic, latin_readings

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


def _keys(word: str, *, by_sound: bool = True) -> set[str]:
    """How a name is looked up in the classes: its Latin readings, and how each sounds (so
    "Дик" finds Dick, and "Мэгги" Maggie, though no class spells them so)."""
    folded = fold(word)
    english = not has_cyrillic(folded)
    keys: set[str] = set()
    for reading in latin_readings(folded):
        keys.add(reading)
        if by_sound and (sound := heard(reading, english=english)):
            keys.add("~" + sound)
    return keys


def _build() -> tuple[dict[str, frozenset[int]], list[frozenset[str]]]:
    """Every key of every member → its classes; each class → the readings of its members."""
    classes: list[frozenset[str]] = []
    by_key: dict[str, set[int]] = {}
    for number, line in enumerate(CLASSES.strip().splitlines()):
        members = line.split()
        classes.append(frozenset(r for m in members for r in latin_readings(fold(m))))
        for member in members:
            for key in _keys(member):
                by_key.setdefault(key, set()).add(number)
    return {key: frozenset(found) for key, found in by_key.items()}, classes


_BY_KEY, _CLASSES = _build()


def related(word: str) -> tuple[str, ...]:
    """Readings of the given names a folded word may stand for (not its own readings).

    Only a Cyrillic word is looked up by sound: it has no spelling of its own to go by,
    whereas a Latin one does ("Jaak" is an Estonian name, not a way of saying Jack)."""
    own = set(latin_readings(word))
    found: set[int] = set()
    for key in _keys(word, by_sound=has_cyrillic(word)):
        found.update(_BY_KEY.get(key, ()))
    return tuple(sorted({r for number in found for r in _CLASSES[number]} - own))
