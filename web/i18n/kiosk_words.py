"""The lobby kiosk's own words (the receptionist's sentences live in `core/replies`)."""

from __future__ import annotations

from web.i18n.message import Message, Text

MESSAGES: dict[str, Message] = {
    "kiosk.page_title": Text(
        en="Reception — frontdesk", et="Vastuvõtt — frontdesk", ru="Ресепшен — frontdesk"
    ),
    "kiosk.title": Text(en="Reception", et="Vastuvõtt", ru="Ресепшен"),
    "kiosk.languages": Text(en="Language", et="Keel", ru="Язык"),
    "kiosk.welcome": Text(en="Welcome!", et="Tere tulemast!", ru="Добро пожаловать!"),
    "kiosk.intro": Text(
        en="Tap Talk and tell me who you are here to see — or type it below.",
        et="Puudutage nuppu „Räägi“ ja öelge, kelle juurde te tulite — või kirjutage allpool.",
        ru="Нажмите «Говорить» и скажите, к кому вы пришли, — или напишите ниже.",
    ),
    "kiosk.talk": Text(en="Talk", et="Räägi", ru="Говорить"),
    # The big button that hands over to a person, as a caller's 0 (or asking in words) does.
    "kiosk.person": Text(en="Call a person", et="Kutsu töötaja", ru="Позвать сотрудника"),
    "kiosk.message_label": Text(en="Your message", et="Teie sõnum", ru="Ваше сообщение"),
    "kiosk.placeholder": Text(
        en="Or type here…", et="Või kirjutage siia…", ru="Или напишите здесь…"
    ),
    "kiosk.send": Text(en="Send", et="Saada", ru="Отправить"),
    "kiosk.done": Text(
        en="Done — next visitor",
        et="Valmis — järgmine külaline",
        ru="Готово — следующий посетитель",
    ),
    "kiosk.connecting": Text(en="Connecting…", et="Ühendan…", ru="Подключаюсь…"),
    "kiosk.listening": Text(en="Listening…", et="Kuulan…", ru="Слушаю…"),
    "kiosk.speaking": Text(en="Speaking…", et="Räägin…", ru="Говорю…"),
    "kiosk.hearing": Text(en="I can hear you…", et="Kuulen teid…", ru="Слышу вас…"),
    "kiosk.handed_over": Text(
        en="The front desk has been told — someone will be with you shortly.",
        et="Infolauda on teavitatud — keegi tuleb peagi teie juurde.",
        ru="Ресепшен уже предупреждён — к вам скоро подойдут.",
    ),
    "kiosk.no_mic": Text(
        en="The microphone is not available. Please type instead.",
        et="Mikrofon pole saadaval. Palun kirjutage.",
        ru="Микрофон недоступен. Пожалуйста, напишите.",
    ),
    "kiosk.lost": Text(
        en="The connection was lost. Tap Talk to start again.",
        et="Ühendus katkes. Alustamiseks puudutage uuesti nuppu „Räägi“.",
        ru="Соединение прервалось. Нажмите «Говорить», чтобы начать заново.",
    ),
    "kiosk.goodbye": Text(
        en="Thank you! Have a nice day.",
        et="Aitäh! Head päeva!",
        ru="Спасибо! Хорошего дня!",
    ),
    "kiosk.you": Text(en="You", et="Teie", ru="Вы"),
    "kiosk.receptionist": Text(en="Reception", et="Vastuvõtt", ru="Ресепшен"),
    "kiosk.unset_title": Text(
        en="This kiosk is not set up",
        et="See kiosk pole seadistatud",
        ru="Этот киоск не настроен",
    ),
    "kiosk.unset_body": Text(
        en="Please ask at the front desk. An administrator sets up this tablet on the admin "
        "pages, under Kiosks, and opens its one-time link here.",
        et="Palun pöörduge infolauda. Administraator seadistab selle tahvelarvuti "
        "halduslehtedel jaotises „Kioskid“ ja avab siin selle ühekordse lingi.",
        ru="Пожалуйста, обратитесь на ресепшен. Администратор настраивает этот планшет на "
        "страницах администрирования, в разделе «Киоски», и открывает здесь его одноразовую "
        "ссылку.",
    ),
    # --- the admin's page: Kiosks -----------------------------------------------------------
    "admin.nav.kiosks": Text(en="Kiosks", et="Kioskid", ru="Киоски"),
    "admin.kiosks.heading": Text(en="Lobby kiosks", et="Fuajee kioskid", ru="Киоски в холле"),
    "admin.kiosks.intro": Text(
        en="A kiosk is a tablet on the reception desk that talks to visitors. Create one, "
        "then open its link on the tablet: the link works once, on one device.",
        et="Kiosk on infolaual olev tahvelarvuti, mis räägib külalistega. Looge kiosk ja "
        "avage selle link tahvelarvutis: link töötab ühe korra ja ühes seadmes.",
        ru="Киоск — это планшет на стойке ресепшена, который разговаривает с посетителями. "
        "Создайте киоск и откройте его ссылку на планшете: ссылка срабатывает один раз и "
        "только на одном устройстве.",
    ),
    "admin.kiosks.name": Text(en="Kiosk name", et="Kioski nimi", ru="Название киоска"),
    "admin.kiosks.name_hint": Text(
        en="e.g. Lobby, 1st floor", et="nt fuajee, 1. korrus", ru="например, холл, 1-й этаж"
    ),
    "admin.kiosks.create": Text(en="Create kiosk", et="Loo kiosk", ru="Создать киоск"),
    "admin.kiosks.need_name": Text(
        en="Give the kiosk a name.", et="Andke kioskile nimi.", ru="Укажите название киоска."
    ),
    "admin.kiosks.link_heading": Text(
        en="Setup link for “{name}”",
        et="Kioski „{name}“ seadistuslink",
        ru="Ссылка для настройки киоска «{name}»",
    ),
    "admin.kiosks.link_help": Text(
        en="Open this link on the kiosk's tablet. It is shown only now, works once and "
        "expires in 7 days.",
        et="Avage see link kioski tahvelarvutis. Seda näidatakse ainult praegu, see töötab "
        "ühe korra ja aegub 7 päeva pärast.",
        ru="Откройте эту ссылку на планшете киоска. Она показывается только сейчас, "
        "срабатывает один раз и действует 7 дней.",
    ),
    "admin.kiosks.none": Text(en="No kiosks yet.", et="Kioske veel pole.", ru="Киосков пока нет."),
    "admin.kiosks.col.state": Text(en="State", et="Olek", ru="Состояние"),
    "admin.kiosks.col.seen": Text(en="Last seen", et="Viimati nähtud", ru="Последняя активность"),
    "admin.kiosks.col.actions": Text(en="Actions", et="Toimingud", ru="Действия"),
    "admin.kiosks.state.waiting": Text(
        en="Waiting for its tablet", et="Ootab tahvelarvutit", ru="Ожидает планшет"
    ),
    "admin.kiosks.state.paired": Text(en="In use", et="Kasutusel", ru="Используется"),
    "admin.kiosks.state.revoked": Text(en="Revoked", et="Tühistatud", ru="Отозван"),
    "admin.kiosks.new_link": Text(en="New link", et="Uus link", ru="Новая ссылка"),
    "admin.kiosks.revoke": Text(en="Revoke", et="Tühista", ru="Отозвать"),
    "admin.kiosks.confirm_revoke": Text(
        en="Revoke this kiosk? Its tablet stops working at once.",
        et="Kas tühistada see kiosk? Selle tahvelarvuti lakkab kohe töötamast.",
        ru="Отозвать этот киоск? Его планшет сразу перестанет работать.",
    ),
    "admin.kiosks.confirm_new_link": Text(
        en="Make a new link? The tablet paired now stops working until the new link is opened.",
        et="Kas teha uus link? Praegu seotud tahvelarvuti lakkab töötamast, kuni uus link "
        "avatakse.",
        ru="Создать новую ссылку? Подключённый сейчас планшет перестанет работать, пока не "
        "будет открыта новая ссылка.",
    ),
    "admin.kiosks.revoked": Text(
        en="Kiosk “{name}” was revoked.",
        et="Kiosk „{name}“ on tühistatud.",
        ru="Киоск «{name}» отозван.",
    ),
    "admin.kiosks.missing": Text(
        en="There is no such kiosk.", et="Sellist kioski pole.", ru="Такого киоска нет."
    ),
}
