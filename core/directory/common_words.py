"""Everyday words that are almost never a misspelt name, in English, Estonian and Russian.

String similarity cannot tell a misheard name from an ordinary word that happens to be one
edit away from somebody in a large directory ("boat" → "Bat", "school" → "Shool"). Only the
prior can: a visitor who says a dictionary word most likely means the word. So these words
may still match a name *exactly* (someone is called "Chair") or as its case form, but never
by spelling or sound. Words that are also common names (Brown, Green, Young, Stone; Tamm,
Kask, Saar, Mägi; Роза) are deliberately left out, so their near spellings still resolve.

Latin words are folded (no diacritics); Russian ones are nominatives (case forms are
recognised through `inflect_ru`).
"""

from __future__ import annotations


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = _wordset(
    """
    about above across after again against almost alone along already also always among
    animal answer apple around autumn baby back bag ball bank basket bathroom beach bean
    beautiful because bed before begin behind believe below best better between bicycle big
    bike bird birthday blanket blue board boat body bone book bottle bottom box boy bread break
    breakfast bridge bright bring brother build building bus business busy butter buy cake
    camera can candle card care carry castle cat catch chair change cheap cheese chicken child
    children church circle city class clean clear clock close cloud coat cold color colour come
    company computer contract cookie cool corner country cousin cover cow cream cup cut dance
    dark date daughter day dear desk dinner dog doll dollar door down dream dress drink drive
    drop duck during early earth easy eat egg email engine enough euro evening every eye face
    fact family farm fast father feel file find finger finish fish floor flower fly follow food
    foot forest forget fork form free friday friend front fruit full funny game garden gate
    gift girl give glass go gold good great ground group grow hair hall hand happy hard hat
    have heart heavy hello help here high holiday home horse hospital hot hotel hour house how
    hundred hungry ice idea invoice island jacket job juice just key kind kitchen kite knife
    know lake lamp language laptop large last late laugh leaf learn left leg lemon letter
    library light like line lion list listen little live look lost love low lunch machine main
    make man many market match maybe meat medicine meeting menu milk minute mirror mobile
    monday money monkey month moon more morning mother mountain mouse mouth much music must
    name nature near neck need never new news next nice night noise noon north nose not note
    now number ocean office often old one only open orange order other outside over own page
    paint paper parent park party pass pay pen pencil people pepper phone photo picture piece
    pig place plan plane plant plate play please pocket point pool poor potato power present
    pretty problem project pull purple push queen question quick quiet rabbit rain ready
    really red remember rent report rice right ring river road rock roof room round rule run
    sad salt same sand saturday say school sea season seat second see sell send service shirt
    shoe shop short shoulder show sick side sign silver simple sing sister sit size skirt sky
    sleep slow small smile snow soap soft some son song soon sorry sound soup south space
    speak special spoon spring square stairs start station stay still stop store story
    street strong student study sugar summer sun sunday supper sweet swim table tail take talk
    tall teacher team telephone television tell test thank that thing think this thursday
    ticket tiger time today together toilet tomato tomorrow tonight too tooth top towel town
    toy train travel tree trip truck true tuesday turn uncle under understand until up use
    very village visit voice wait walk wall want warm wash watch way weather wednesday week
    welcome well west what wheel when where which who why wide wife wind window winter wish
    with woman wonder word work world write wrong yard year yellow yesterday you zoo
    """
) - {"hall", "page", "park", "rice", "west", "sun", "song", "church"}  # also surnames

ESTONIAN = _wordset(
    """
    auto buss laud tool aken maja kool pood raamat vihmavari ilm homme eile tana hommik
    ohtu oo paev nadal aasta lill linn kula tanav koer kass lind leib piim kohv tee suhkur
    sool raha arve leping kiri pakk pakett kast telefon arvuti voti uks lift trepp korrus
    tuba kook saal koosolek kohtumine kulaline sober ema isa vend ode laps poiss tudruk mees
    naine arst opetaja politsei rong lennuk takso parkla hotell kontor too tualett wc
    kohvik sook louna ohtusook vesi mahl ouna leht ajaleht pilt muusika filmid film kino
    teater haigla apteek pank postkontor jaam sadam lennujaam kirik turg keskus kaubanduskeskus
    korter ruum aed meri jarv jogi saar mets puu kivi liiv rand tee sild
    kell minut tund paev nadal kuu talv kevad suvi sugis vihm lumi tuul paike pilv
    kaart kott jope mantel king saabas muts sall kinnas prillid rahakott dokument pass
    toit liha kala kana muna juust kartul porgand tomat kurk sai kook jaatis shokolaad
    vein olu jook klaas tass taldrik lusikas kahvel nuga
    jah ei tere tanan aitah palun vabandust head hommikut paeva ohtut nagemist
    koik keegi miski midagi kedagi uksteist seal siin kus millal miks kuidas mis kes
    """
) - {"tamm", "kask", "saar", "magi", "kivi", "mets", "jogi", "jarv", "lill", "puu", "rand"}
ESTONIAN -= {"sild", "liiv", "meri", "raud", "hein", "kuus", "laas", "uibo", "kuusk"}

RUSSIAN = _wordset(
    """
    стол стул окно дверь дом школа магазин книга зонт погода завтра вчера сегодня утро
    вечер ночь день неделя месяц год цветок дерево лес море озеро река город деревня улица
    собака кошка птица рыба хлеб молоко вода кофе чай сахар соль деньги счет договор письмо
    пакет коробка телефон компьютер ключ лифт лестница этаж комната кухня зал встреча гость
    друг мама папа брат сестра ребенок мальчик девочка мужчина женщина врач учитель полиция
    автобус поезд самолет такси парковка гостиница офис работа туалет пицца еда обед ужин
    завтрак посылка курьер доставка директор начальник менеджер охрана администратор помощь
    вопрос ответ проблема время час минута машина дорога билет паспорт документ сумка куртка
    пальто шапка очки кошелек картина музыка кино театр больница аптека банк почта вокзал
    аэропорт рынок центр квартира сад мост камень песок солнце дождь снег ветер облако
    зима весна лето осень мясо курица яйцо сыр картошка помидор огурец торт мороженое
    шоколад вино пиво стакан чашка тарелка ложка вилка нож
    да нет привет спасибо пожалуйста здравствуйте извините все всем всех кто что где когда
    почему как никто никого кто-то кто-нибудь
    """
)

COMMON: frozenset[str] = ENGLISH | ESTONIAN | RUSSIAN
