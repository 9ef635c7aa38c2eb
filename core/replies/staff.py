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
}
