"""What staff are told (host notifications, the front desk), in the office language."""

from __future__ import annotations

from core.replies.phrase import Phrase

PHRASES: dict[str, Phrase] = {
    "host_arrival": Phrase(
        en="{visitor} is at reception to see you.",
        et="{visitor} ootab teid fuajees.",
        ru="{visitor} ждёт вас на ресепшене.",
    ),
    "host_arrival_booked": Phrase(
        en="{visitor}, your visitor booked for {when}, is at reception to see you.",
        et="{visitor}, kellel on teiega broneeritud kohtumine {when}, ootab teid fuajees.",
        ru="{visitor}, ваш гость по записи на {when}, ждёт вас на ресепшене.",
    ),
    "host_arrival_group": Phrase(
        en="{visitor} and {others} more are at reception to see you.",
        et="{visitor} ja veel {others} külalist ootavad teid fuajees.",
        ru="{visitor} и ещё {others} чел. ждут вас на ресепшене.",
    ),
    "delivery_arrival": Phrase(
        en="A delivery for {recipient} is waiting at the front desk.",
        et="Infolauas ootab saadetis – saaja: {recipient}.",
        ru="На ресепшене ждёт доставка, получатель: {recipient}.",
    ),
    "front_desk_help": Phrase(
        en="A visitor needs a person at reception, via {channel}. {summary}",
        et="Külaline vajab infolauas abi, kanal: {channel}. {summary}",
        ru="Посетителю нужна помощь сотрудника, канал: {channel}. {summary}",
    ),
    # A visitor at a lobby kiosk asked for a person: someone must walk over to them.
    "front_desk_help_kiosk": Phrase(
        en=(
            "A visitor at the kiosk “{kiosk}” needs help — please go to them. {summary}",
            "A visitor at the kiosk {kiosk} needs help. Please go to them. {summary}",
        ),
        et=(
            "Külaline kioski „{kiosk}“ juures vajab abi — palun minge tema juurde. {summary}",
            "Külaline kioski {kiosk} juures vajab abi. Palun minge tema juurde. {summary}",
        ),
        ru=(
            "Посетителю у киоска «{kiosk}» нужна помощь — пожалуйста, подойдите к нему. {summary}",
            "Посетителю у киоска {kiosk} нужна помощь. Пожалуйста, подойдите к нему. {summary}",
        ),
    ),
}
