"""Chronos's time zones: a ``scheduleTimeZone`` string as the Chronos server resolves it (S34).

Chronos calls ``DateTimeZone.forTimeZone(java.util.TimeZone.getTimeZone(id))`` (CHRONOS.md §2):
first the JDK decides whether it knows the name (if not, it silently answers GMT), then
Joda-Time 2.9.6 maps the JDK's zone to one of its own, compiled from tzdata 2016i. Both steps
are lookups, so this module is mostly data tables with the sources named, plus one function
that walks them in the JDK's and Joda's order. Offsets for arithmetic come from the installed
tz database through :mod:`isorepeat.zones`, not from 2016i: where a zone's rules changed after
2016 (Brazil dropped DST in 2019, Kazakhstan unified on +05 in 2024) the real Chronos still
applies the 2016 rules, and isorepeat does not reproduce that.

The JDK modelled is a current one (the vectors' oracle is JDK 17.0.15, tzdata 2025a): it knows
every name tzdata added after 2016i, so Chronos rejects those; on the JDK 8 Chronos shipped
with they were unknown and silently UTC instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final, final

from isorepeat.datetimes import format_offset
from isorepeat.errors import ScheduleError
from isorepeat.notes import Note
from isorepeat.zones import _ABBREVIATIONS, UTC_ZONE, FixedZone, Zone, suggest_zones, zone_from_name

__all__ = ["JodaZone", "resolve_zone"]


@final
@dataclass(frozen=True, slots=True)
class JodaZone:
    """A ``scheduleTimeZone`` as Chronos resolves it (S34, CHRONOS.md §2).

    ``zone`` does the arithmetic (a named zone, a fixed offset, or UTC); ``id`` is the ID Joda
    reports, what the vectors call ``start_zone``; ``note`` is an IR203 or IR204 finding, else
    ``None``.

    >>> from isorepeat.chronos.zones import resolve_zone
    >>> resolve_zone("US/Pacific").id
    'America/Los_Angeles'
    >>> resolve_zone("GMT+5:30").id
    '+05:30'
    >>> resolve_zone("BST").note.message
    'BST is Asia/Dhaka in Chronos: +06:00 all year, not British Summer Time'
    """

    zone: Zone
    id: str
    note: Note | None


def resolve_zone(name: str, text: str | None = None, column: int = 0) -> JodaZone:
    """The zone Chronos uses for the ``scheduleTimeZone`` ``name`` (S34), with a note if surprising.

    The name is used as given: no stripping, case-sensitive, as the JDK reads it. Names the JDK
    does not know are silently UTC in Chronos; here they are UTC too, with an IR204 note. Names
    Chronos reads differently from what most readers expect (``PST``, ``BST``) get an IR203 note.
    ``text`` and ``column`` say where the name sits, for the error (by default the name itself).

    >>> from isorepeat import ScheduleError
    >>> from isorepeat.chronos.zones import resolve_zone
    >>> resolve_zone("PST").id, resolve_zone("PST").note.code
    ('America/Los_Angeles', 'IR203')
    >>> z = resolve_zone("PDT")
    >>> z.id, z.note.message
    ('UTC', "unknown zone 'PDT': Chronos silently uses UTC")
    >>> try:
    ...     resolve_zone("Europe/Kyiv")
    ... except ScheduleError as err:
    ...     print(err.message[:60])
    ...     print(err.hint)
    Chronos cannot use zone 'Europe/Kyiv': its Joda-Time 2.9.6 (
    write Europe/Kiev, its name in tzdata 2016i

    :raises ScheduleError: for a name the JDK knows and Joda-Time 2.9.6 does not (Chronos
        cannot parse the schedule then).
    """
    result = _resolve(name)
    if isinstance(result, _Rejection):
        raise ScheduleError(result.message, name if text is None else text, column, result.hint)
    return result


# -- the data --------------------------------------------------------------------------------

# Joda-Time 2.9.6, src/main/java/org/joda/time/DateTimeZone.java, LazyInit.buildMap()
# ("Backwards compatibility with TimeZone"; CHRONOS.md cites lines 1356-1388), read by
# getConvertedId() in forTimeZone() before the zone provider is asked: the JDK's old
# three-letter IDs, remapped. Every key is also an ID the JDK knows (checked on JDK 17 and 25),
# so each one reaches this table. EST, MST and HST are fixed offsets in the JDK and in tzdata,
# but Joda maps them to zones with DST; MET and ECT become CET.
_JODA_ALIASES: Final[dict[str, str]] = {
    "GMT": "UTC", "WET": "WET", "CET": "CET", "MET": "CET", "ECT": "CET", "EET": "EET",
    "MIT": "Pacific/Apia", "HST": "Pacific/Honolulu", "AST": "America/Anchorage",
    "PST": "America/Los_Angeles", "MST": "America/Denver", "PNT": "America/Phoenix",
    "CST": "America/Chicago", "EST": "America/New_York", "IET": "America/Indiana/Indianapolis",
    "PRT": "America/Puerto_Rico", "CNT": "America/St_Johns", "AGT": "America/Argentina/Buenos_Aires",
    "BET": "America/Sao_Paulo", "ART": "Africa/Cairo", "CAT": "Africa/Harare",
    "EAT": "Africa/Addis_Ababa", "NET": "Asia/Yerevan", "PLT": "Asia/Karachi", "IST": "Asia/Kolkata",
    "BST": "Asia/Dhaka", "VST": "Asia/Ho_Chi_Minh", "CTT": "Asia/Shanghai", "JST": "Asia/Tokyo",
    "ACT": "Australia/Darwin", "AET": "Australia/Sydney", "SST": "Pacific/Guadalcanal",
    "NST": "Pacific/Auckland",
}  # fmt: skip

# What else an alias is commonly taken for, and the zone for that reading (IR203 notes).
_MISREADINGS: Final[dict[str, tuple[str, str]]] = {
    "ACT": ("the Australian Capital Territory", "Australia/Sydney"),
    "AST": ("Atlantic Standard Time", "America/Halifax"),
    "ART": ("Argentina Time", "America/Argentina/Buenos_Aires"),
    "BST": ("British Summer Time", "Europe/London"),
    "CST": ("China Standard Time", "Asia/Shanghai"),
    "ECT": ("Ecuador Time", "America/Guayaquil"),
    "IST": ("Irish or Israel Standard Time", "Europe/Dublin or Asia/Jerusalem"),
    "MIT": ("Midway Islands time", "Pacific/Midway"),
    "NST": ("Newfoundland Standard Time", "America/St_Johns"),
    "SST": ("Samoa Standard Time", "Pacific/Pago_Pago"),
}

# tzdata 2016i, every Zone line of the files Joda-Time 2.9.6 compiles (pom.xml: africa
# antarctica asia australasia europe northamerica southamerica pacificnew etcetera backward
# systemv; systemv has every line commented out). Joda reports a zone under its own name.
# Source: the tzdata 2017b release as JSON (npm "tzdata" 1.0.7) less the three zones tz NEWS
# lists as added in 2016j (Europe/Saratov, Asia/Atyrau) and 2017a (America/Punta_Arenas).
_ZONES_2016I: Final = frozenset(
    """
    Africa/Abidjan Africa/Accra Africa/Algiers Africa/Bissau Africa/Cairo Africa/Casablanca Africa/Ceuta
    Africa/El_Aaiun Africa/Johannesburg Africa/Khartoum Africa/Lagos Africa/Maputo Africa/Monrovia
    Africa/Nairobi Africa/Ndjamena Africa/Tripoli Africa/Tunis Africa/Windhoek America/Adak
    America/Anchorage America/Araguaina America/Argentina/Buenos_Aires America/Argentina/Catamarca
    America/Argentina/Cordoba America/Argentina/Jujuy America/Argentina/La_Rioja America/Argentina/Mendoza
    America/Argentina/Rio_Gallegos America/Argentina/Salta America/Argentina/San_Juan
    America/Argentina/San_Luis America/Argentina/Tucuman America/Argentina/Ushuaia America/Asuncion
    America/Atikokan America/Bahia America/Bahia_Banderas America/Barbados America/Belem America/Belize
    America/Blanc-Sablon America/Boa_Vista America/Bogota America/Boise America/Cambridge_Bay
    America/Campo_Grande America/Cancun America/Caracas America/Cayenne America/Chicago America/Chihuahua
    America/Costa_Rica America/Creston America/Cuiaba America/Curacao America/Danmarkshavn America/Dawson
    America/Dawson_Creek America/Denver America/Detroit America/Edmonton America/Eirunepe
    America/El_Salvador America/Fort_Nelson America/Fortaleza America/Glace_Bay America/Godthab
    America/Goose_Bay America/Grand_Turk America/Guatemala America/Guayaquil America/Guyana America/Halifax
    America/Havana America/Hermosillo America/Indiana/Indianapolis America/Indiana/Knox
    America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay
    America/Indiana/Vincennes America/Indiana/Winamac America/Inuvik America/Iqaluit America/Jamaica
    America/Juneau America/Kentucky/Louisville America/Kentucky/Monticello America/La_Paz America/Lima
    America/Los_Angeles America/Maceio America/Managua America/Manaus America/Martinique America/Matamoros
    America/Mazatlan America/Menominee America/Merida America/Metlakatla America/Mexico_City
    America/Miquelon America/Moncton America/Monterrey America/Montevideo America/Nassau America/New_York
    America/Nipigon America/Nome America/Noronha America/North_Dakota/Beulah America/North_Dakota/Center
    America/North_Dakota/New_Salem America/Ojinaga America/Panama America/Pangnirtung America/Paramaribo
    America/Phoenix America/Port-au-Prince America/Port_of_Spain America/Porto_Velho America/Puerto_Rico
    America/Rainy_River America/Rankin_Inlet America/Recife America/Regina America/Resolute
    America/Rio_Branco America/Santarem America/Santiago America/Santo_Domingo America/Sao_Paulo
    America/Scoresbysund America/Sitka America/St_Johns America/Swift_Current America/Tegucigalpa
    America/Thule America/Thunder_Bay America/Tijuana America/Toronto America/Vancouver America/Whitehorse
    America/Winnipeg America/Yakutat America/Yellowknife Antarctica/Casey Antarctica/Davis
    Antarctica/DumontDUrville Antarctica/Macquarie Antarctica/Mawson Antarctica/Palmer Antarctica/Rothera
    Antarctica/Syowa Antarctica/Troll Antarctica/Vostok Asia/Almaty Asia/Amman Asia/Anadyr Asia/Aqtau
    Asia/Aqtobe Asia/Ashgabat Asia/Baghdad Asia/Baku Asia/Bangkok Asia/Barnaul Asia/Beirut Asia/Bishkek
    Asia/Brunei Asia/Chita Asia/Choibalsan Asia/Colombo Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dubai
    Asia/Dushanbe Asia/Famagusta Asia/Gaza Asia/Hebron Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Hovd
    Asia/Irkutsk Asia/Jakarta Asia/Jayapura Asia/Jerusalem Asia/Kabul Asia/Kamchatka Asia/Karachi
    Asia/Kathmandu Asia/Khandyga Asia/Kolkata Asia/Krasnoyarsk Asia/Kuala_Lumpur Asia/Kuching Asia/Macau
    Asia/Magadan Asia/Makassar Asia/Manila Asia/Nicosia Asia/Novokuznetsk Asia/Novosibirsk Asia/Omsk
    Asia/Oral Asia/Pontianak Asia/Pyongyang Asia/Qatar Asia/Qyzylorda Asia/Riyadh Asia/Sakhalin
    Asia/Samarkand Asia/Seoul Asia/Shanghai Asia/Singapore Asia/Srednekolymsk Asia/Taipei Asia/Tashkent
    Asia/Tbilisi Asia/Tehran Asia/Thimphu Asia/Tokyo Asia/Tomsk Asia/Ulaanbaatar Asia/Urumqi Asia/Ust-Nera
    Asia/Vladivostok Asia/Yakutsk Asia/Yangon Asia/Yekaterinburg Asia/Yerevan Atlantic/Azores
    Atlantic/Bermuda Atlantic/Canary Atlantic/Cape_Verde Atlantic/Faroe Atlantic/Madeira Atlantic/Reykjavik
    Atlantic/South_Georgia Atlantic/Stanley Australia/Adelaide Australia/Brisbane Australia/Broken_Hill
    Australia/Currie Australia/Darwin Australia/Eucla Australia/Hobart Australia/Lindeman
    Australia/Lord_Howe Australia/Melbourne Australia/Perth Australia/Sydney CET CST6CDT EET EST EST5EDT
    Etc/GMT Etc/GMT+1 Etc/GMT+10 Etc/GMT+11 Etc/GMT+12 Etc/GMT+2 Etc/GMT+3 Etc/GMT+4 Etc/GMT+5 Etc/GMT+6
    Etc/GMT+7 Etc/GMT+8 Etc/GMT+9 Etc/GMT-1 Etc/GMT-10 Etc/GMT-11 Etc/GMT-12 Etc/GMT-13 Etc/GMT-14 Etc/GMT-2
    Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 Etc/GMT-6 Etc/GMT-7 Etc/GMT-8 Etc/GMT-9 Etc/UCT Etc/UTC Europe/Amsterdam
    Europe/Andorra Europe/Astrakhan Europe/Athens Europe/Belgrade Europe/Berlin Europe/Brussels
    Europe/Bucharest Europe/Budapest Europe/Chisinau Europe/Copenhagen Europe/Dublin Europe/Gibraltar
    Europe/Helsinki Europe/Istanbul Europe/Kaliningrad Europe/Kiev Europe/Kirov Europe/Lisbon Europe/London
    Europe/Luxembourg Europe/Madrid Europe/Malta Europe/Minsk Europe/Monaco Europe/Moscow Europe/Oslo
    Europe/Paris Europe/Prague Europe/Riga Europe/Rome Europe/Samara Europe/Simferopol Europe/Sofia
    Europe/Stockholm Europe/Tallinn Europe/Tirane Europe/Ulyanovsk Europe/Uzhgorod Europe/Vienna
    Europe/Vilnius Europe/Volgograd Europe/Warsaw Europe/Zaporozhye Europe/Zurich HST Indian/Chagos
    Indian/Christmas Indian/Cocos Indian/Kerguelen Indian/Mahe Indian/Maldives Indian/Mauritius
    Indian/Reunion MET MST MST7MDT PST8PDT Pacific/Apia Pacific/Auckland Pacific/Bougainville
    Pacific/Chatham Pacific/Chuuk Pacific/Easter Pacific/Efate Pacific/Enderbury Pacific/Fakaofo
    Pacific/Fiji Pacific/Funafuti Pacific/Galapagos Pacific/Gambier Pacific/Guadalcanal Pacific/Guam
    Pacific/Honolulu Pacific/Kiritimati Pacific/Kosrae Pacific/Kwajalein Pacific/Majuro Pacific/Marquesas
    Pacific/Nauru Pacific/Niue Pacific/Norfolk Pacific/Noumea Pacific/Pago_Pago Pacific/Palau
    Pacific/Pitcairn Pacific/Pohnpei Pacific/Port_Moresby Pacific/Rarotonga Pacific/Tahiti Pacific/Tarawa
    Pacific/Tongatapu Pacific/Wake Pacific/Wallis WET
""".split()  # noqa: SIM905 - data as text: 382 names in 60 lines instead of 382 lines
)

# tzdata 2016i, the Link lines outside 'backward' (regional files). Joda-Time's ZoneInfoCompiler
# "revives" these as zones of their own (parseDataFile: "links in other files should be kept"),
# so Joda reports them under the link's name: EAT is Africa/Addis_Ababa, not Africa/Nairobi
# (Joda's own TestDateTimeZone.testForID_String_old asserts this). Alias: target. Source: the
# links of the same JSON less the 'backward' ones below.
_REGIONAL_LINKS_2016I: Final[dict[str, str]] = {
    "Africa/Addis_Ababa": "Africa/Nairobi", "Africa/Asmara": "Africa/Nairobi",
    "Africa/Bamako": "Africa/Abidjan", "Africa/Bangui": "Africa/Lagos", "Africa/Banjul": "Africa/Abidjan",
    "Africa/Blantyre": "Africa/Maputo", "Africa/Brazzaville": "Africa/Lagos",
    "Africa/Bujumbura": "Africa/Maputo", "Africa/Conakry": "Africa/Abidjan",
    "Africa/Dakar": "Africa/Abidjan", "Africa/Dar_es_Salaam": "Africa/Nairobi",
    "Africa/Djibouti": "Africa/Nairobi", "Africa/Douala": "Africa/Lagos",
    "Africa/Freetown": "Africa/Abidjan", "Africa/Gaborone": "Africa/Maputo",
    "Africa/Harare": "Africa/Maputo", "Africa/Juba": "Africa/Khartoum", "Africa/Kampala": "Africa/Nairobi",
    "Africa/Kigali": "Africa/Maputo", "Africa/Kinshasa": "Africa/Lagos",
    "Africa/Libreville": "Africa/Lagos", "Africa/Lome": "Africa/Abidjan", "Africa/Luanda": "Africa/Lagos",
    "Africa/Lubumbashi": "Africa/Maputo", "Africa/Lusaka": "Africa/Maputo", "Africa/Malabo": "Africa/Lagos",
    "Africa/Maseru": "Africa/Johannesburg", "Africa/Mbabane": "Africa/Johannesburg",
    "Africa/Mogadishu": "Africa/Nairobi", "Africa/Niamey": "Africa/Lagos",
    "Africa/Nouakchott": "Africa/Abidjan", "Africa/Ouagadougou": "Africa/Abidjan",
    "Africa/Porto-Novo": "Africa/Lagos", "Africa/Sao_Tome": "Africa/Abidjan",
    "America/Anguilla": "America/Port_of_Spain", "America/Antigua": "America/Port_of_Spain",
    "America/Aruba": "America/Curacao", "America/Cayman": "America/Panama",
    "America/Dominica": "America/Port_of_Spain", "America/Grenada": "America/Port_of_Spain",
    "America/Guadeloupe": "America/Port_of_Spain", "America/Kralendijk": "America/Curacao",
    "America/Lower_Princes": "America/Curacao", "America/Marigot": "America/Port_of_Spain",
    "America/Montserrat": "America/Port_of_Spain", "America/St_Barthelemy": "America/Port_of_Spain",
    "America/St_Kitts": "America/Port_of_Spain", "America/St_Lucia": "America/Port_of_Spain",
    "America/St_Thomas": "America/Port_of_Spain", "America/St_Vincent": "America/Port_of_Spain",
    "America/Tortola": "America/Port_of_Spain", "Antarctica/McMurdo": "Pacific/Auckland",
    "Arctic/Longyearbyen": "Europe/Oslo", "Asia/Aden": "Asia/Riyadh", "Asia/Bahrain": "Asia/Qatar",
    "Asia/Istanbul": "Europe/Istanbul", "Asia/Kuwait": "Asia/Riyadh", "Asia/Muscat": "Asia/Dubai",
    "Asia/Phnom_Penh": "Asia/Bangkok", "Asia/Vientiane": "Asia/Bangkok",
    "Atlantic/St_Helena": "Africa/Abidjan", "Europe/Bratislava": "Europe/Prague",
    "Europe/Busingen": "Europe/Zurich", "Europe/Guernsey": "Europe/London",
    "Europe/Isle_of_Man": "Europe/London", "Europe/Jersey": "Europe/London",
    "Europe/Ljubljana": "Europe/Belgrade", "Europe/Mariehamn": "Europe/Helsinki",
    "Europe/Nicosia": "Asia/Nicosia", "Europe/Podgorica": "Europe/Belgrade",
    "Europe/San_Marino": "Europe/Rome", "Europe/Sarajevo": "Europe/Belgrade",
    "Europe/Skopje": "Europe/Belgrade", "Europe/Vaduz": "Europe/Zurich", "Europe/Vatican": "Europe/Rome",
    "Europe/Zagreb": "Europe/Belgrade", "Indian/Antananarivo": "Africa/Nairobi",
    "Indian/Comoro": "Africa/Nairobi", "Indian/Mayotte": "Africa/Nairobi",
    "Pacific/Johnston": "Pacific/Honolulu", "Pacific/Midway": "Pacific/Pago_Pago",
    "Pacific/Saipan": "Pacific/Guam",
}  # fmt: skip

# tzdata 2016i, the file 'backward', plus the links ZoneInfoCompiler treats the same way (alias
# "GMT", aliases under "Etc/" from 'etcetera', and US/Pacific-New from 'pacificnew'). Joda
# canonicalises these: the zone it returns carries the target's ID (US/Pacific is reported as
# America/Los_Angeles). Python's zoneinfo cannot tell a link from a zone, hence the table.
# Alias: target. Source: the 2016 'backward' file, each line checked against the JSON's target
# (Pacific/Johnston moved to 'backward' only in 2017a; it is regional in 2016i).
_BACKWARD_2016I: Final[dict[str, str]] = {
    "Africa/Asmera": "Africa/Nairobi", "Africa/Timbuktu": "Africa/Abidjan",
    "America/Argentina/ComodRivadavia": "America/Argentina/Catamarca", "America/Atka": "America/Adak",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Catamarca": "America/Argentina/Catamarca", "America/Coral_Harbour": "America/Atikokan",
    "America/Cordoba": "America/Argentina/Cordoba", "America/Ensenada": "America/Tijuana",
    "America/Fort_Wayne": "America/Indiana/Indianapolis",
    "America/Indianapolis": "America/Indiana/Indianapolis", "America/Jujuy": "America/Argentina/Jujuy",
    "America/Knox_IN": "America/Indiana/Knox", "America/Louisville": "America/Kentucky/Louisville",
    "America/Mendoza": "America/Argentina/Mendoza", "America/Montreal": "America/Toronto",
    "America/Porto_Acre": "America/Rio_Branco", "America/Rosario": "America/Argentina/Cordoba",
    "America/Santa_Isabel": "America/Tijuana", "America/Shiprock": "America/Denver",
    "America/Virgin": "America/Port_of_Spain", "Antarctica/South_Pole": "Pacific/Auckland",
    "Asia/Ashkhabad": "Asia/Ashgabat", "Asia/Calcutta": "Asia/Kolkata", "Asia/Chongqing": "Asia/Shanghai",
    "Asia/Chungking": "Asia/Shanghai", "Asia/Dacca": "Asia/Dhaka", "Asia/Harbin": "Asia/Shanghai",
    "Asia/Kashgar": "Asia/Urumqi", "Asia/Katmandu": "Asia/Kathmandu", "Asia/Macao": "Asia/Macau",
    "Asia/Rangoon": "Asia/Yangon", "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Tel_Aviv": "Asia/Jerusalem",
    "Asia/Thimbu": "Asia/Thimphu", "Asia/Ujung_Pandang": "Asia/Makassar",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar", "Atlantic/Faeroe": "Atlantic/Faroe",
    "Atlantic/Jan_Mayen": "Europe/Oslo", "Australia/ACT": "Australia/Sydney",
    "Australia/Canberra": "Australia/Sydney", "Australia/LHI": "Australia/Lord_Howe",
    "Australia/NSW": "Australia/Sydney", "Australia/North": "Australia/Darwin",
    "Australia/Queensland": "Australia/Brisbane", "Australia/South": "Australia/Adelaide",
    "Australia/Tasmania": "Australia/Hobart", "Australia/Victoria": "Australia/Melbourne",
    "Australia/West": "Australia/Perth", "Australia/Yancowinna": "Australia/Broken_Hill",
    "Brazil/Acre": "America/Rio_Branco", "Brazil/DeNoronha": "America/Noronha",
    "Brazil/East": "America/Sao_Paulo", "Brazil/West": "America/Manaus",
    "Canada/Atlantic": "America/Halifax", "Canada/Central": "America/Winnipeg",
    "Canada/East-Saskatchewan": "America/Regina", "Canada/Eastern": "America/Toronto",
    "Canada/Mountain": "America/Edmonton", "Canada/Newfoundland": "America/St_Johns",
    "Canada/Pacific": "America/Vancouver", "Canada/Saskatchewan": "America/Regina",
    "Canada/Yukon": "America/Whitehorse", "Chile/Continental": "America/Santiago",
    "Chile/EasterIsland": "Pacific/Easter", "Cuba": "America/Havana", "Egypt": "Africa/Cairo",
    "Eire": "Europe/Dublin", "Europe/Belfast": "Europe/London", "Europe/Tiraspol": "Europe/Chisinau",
    "GB": "Europe/London", "GB-Eire": "Europe/London", "GMT+0": "Etc/GMT", "GMT-0": "Etc/GMT",
    "GMT0": "Etc/GMT", "Greenwich": "Etc/GMT", "Hongkong": "Asia/Hong_Kong",
    "Iceland": "Atlantic/Reykjavik", "Iran": "Asia/Tehran", "Israel": "Asia/Jerusalem",
    "Jamaica": "America/Jamaica", "Japan": "Asia/Tokyo", "Kwajalein": "Pacific/Kwajalein",
    "Libya": "Africa/Tripoli", "Mexico/BajaNorte": "America/Tijuana", "Mexico/BajaSur": "America/Mazatlan",
    "Mexico/General": "America/Mexico_City", "NZ": "Pacific/Auckland", "NZ-CHAT": "Pacific/Chatham",
    "Navajo": "America/Denver", "PRC": "Asia/Shanghai", "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Samoa": "Pacific/Pago_Pago", "Pacific/Truk": "Pacific/Chuuk", "Pacific/Yap": "Pacific/Chuuk",
    "Poland": "Europe/Warsaw", "Portugal": "Europe/Lisbon", "ROC": "Asia/Taipei", "ROK": "Asia/Seoul",
    "Singapore": "Asia/Singapore", "Turkey": "Europe/Istanbul", "UCT": "Etc/UCT",
    "US/Alaska": "America/Anchorage", "US/Aleutian": "America/Adak", "US/Arizona": "America/Phoenix",
    "US/Central": "America/Chicago", "US/East-Indiana": "America/Indiana/Indianapolis",
    "US/Eastern": "America/New_York", "US/Hawaii": "Pacific/Honolulu",
    "US/Indiana-Starke": "America/Indiana/Knox", "US/Michigan": "America/Detroit",
    "US/Mountain": "America/Denver", "US/Pacific": "America/Los_Angeles", "US/Samoa": "Pacific/Pago_Pago",
    "UTC": "Etc/UTC", "Universal": "Etc/UTC", "W-SU": "Europe/Moscow", "Zulu": "Etc/UTC",
    # 'etcetera', 'pacificnew'
    "GMT": "Etc/GMT", "Etc/GMT+0": "Etc/GMT", "Etc/GMT-0": "Etc/GMT", "Etc/GMT0": "Etc/GMT",
    "Etc/Greenwich": "Etc/GMT", "Etc/Universal": "Etc/UTC", "Etc/Zulu": "Etc/UTC",
    "US/Pacific-New": "America/Los_Angeles",
}  # fmt: skip

# 2016i names a current JDK no longer knows (JDK 17.0.15 and 25, TimeZone.getAvailableIDs()), so
# Joda-Time never sees them: the JDK answers GMT and Chronos silently uses UTC. GMT+0 and GMT-0
# reach Joda as the JDK's custom IDs GMT+00:00 and GMT-00:00, which are UTC too.
_JDK_DROPPED: Final = frozenset({"Canada/East-Saskatchewan", "GMT+0", "GMT-0", "ROC", "US/Pacific-New"})

# Names a current JDK knows and Joda-Time 2.9.6 does not: forTimeZone throws, the schedule
# "cannot be parsed". Name: (where it comes from, what to write instead). Sources: tz NEWS for the
# release that added each name; the JDK's own System V IDs (TimeZone.getAvailableIDs()).
_REJECTED: Final[dict[str, tuple[str, str]]] = {
    "Europe/Saratov": (
        "added in tzdata 2016j, split from Europe/Volgograd",
        "write Europe/Samara, the same +04:00 clock since 2016-12-04",
    ),
    "Asia/Atyrau": (
        "added in tzdata 2016j, split from Asia/Aqtau",
        "write Asia/Aqtau, the same clock since 1999",
    ),
    "America/Punta_Arenas": (
        "added in tzdata 2017a, split from America/Santiago",
        "write Etc/GMT+3 (a fixed -03:00, the clock of Magallanes since 2017-05-13)",
    ),
    "Asia/Qostanay": (
        "added in tzdata 2018h, split from Asia/Qyzylorda",
        "write Asia/Aqtobe, the same +05:00 clock since 2024-03-01",
    ),
    "America/Nuuk": (
        "renamed from America/Godthab in tzdata 2020a",
        "write America/Godthab, its name in tzdata 2016i",
    ),
    "Pacific/Kanton": (
        "renamed from Pacific/Enderbury in tzdata 2021b",
        "write Pacific/Enderbury, its name in tzdata 2016i",
    ),
    "Europe/Kyiv": (
        "renamed from Europe/Kiev in tzdata 2022b",
        "write Europe/Kiev, its name in tzdata 2016i",
    ),
    "America/Ciudad_Juarez": (
        "added in tzdata 2022g, split from America/Ojinaga",
        "write America/Denver: Ciudad Juarez has kept US Mountain time since 2022-11-30",
    ),
    "America/Coyhaique": (
        "added in tzdata 2025b, split from America/Santiago",
        "write Etc/GMT+3 (a fixed -03:00, the clock of Aysen since 2025)",
    ),
    # The JDK's System V names (Joda-Time never had them); the zones their names describe.
    **{
        f"SystemV/{name}": ("a System V name only the JDK knows", f"write {instead}")
        for name, instead in (
            ("AST4", "Etc/GMT+4"), ("AST4ADT", "America/Halifax"), ("CST6", "Etc/GMT+6"),
            ("CST6CDT", "CST6CDT"), ("EST5", "Etc/GMT+5"), ("EST5EDT", "EST5EDT"),
            ("HST10", "Etc/GMT+10"), ("MST7", "Etc/GMT+7"), ("MST7MDT", "MST7MDT"),
            ("PST8", "Etc/GMT+8"), ("PST8PDT", "PST8PDT"), ("YST9", "Etc/GMT+9"),
            ("YST9YDT", "America/Anchorage"),
        )
    },
}  # fmt: skip

# Names whose reported ID is the name itself: Zone lines and revived regional links.
_OWN_ID: Final = _ZONES_2016I | frozenset(_REGIONAL_LINKS_2016I)

# Offsets of the data's era, for the IR203 descriptions: mid-January and mid-July 2016 (UTC).
_JANUARY_NS: Final = 1_452_859_200 * 10**9  # 2016-01-15T12:00:00Z
_JULY_NS: Final = 1_468_584_000 * 10**9  # 2016-07-15T12:00:00Z


# -- the lookup ------------------------------------------------------------------------------


@final
@dataclass(frozen=True, slots=True)
class _Rejection:
    """A name Chronos rejects; kept in the cache, raised with the caller's text and column."""

    message: str
    hint: str


@functools.lru_cache(maxsize=1024)
def _resolve(name: str) -> JodaZone | _Rejection:
    # forTimeZone: "UTC" first, then the alias table, then the provider (2016i), then the JDK's
    # custom "GMT+hh:mm" IDs. The JDK's own lookup decides which names get that far.
    if name == "UTC":
        return JodaZone(UTC_ZONE, "UTC", None)
    if name in _JODA_ALIASES:
        joda_id = _joda_id(_JODA_ALIASES[name])
        if joda_id == "UTC":  # GMT
            return JodaZone(UTC_ZONE, "UTC", None)
        return _named(name, joda_id, alias=joda_id != name)
    if name in _REJECTED:
        origin, hint = _REJECTED[name]
        return _Rejection(
            f"Chronos cannot use zone {name!r}: its Joda-Time 2.9.6 (tzdata 2016i) does not know it "
            f"({origin})",
            hint,
        )
    if (name in _OWN_ID or name in _BACKWARD_2016I) and name not in _JDK_DROPPED:
        return _named(name, _joda_id(name), alias=False)
    jdk_id = _jdk_custom_id(name)
    if jdk_id is not None:
        offset = _joda_custom_offset(jdk_id)
        if offset is None:
            return _Rejection(
                f"Chronos cannot use zone {name!r}: the JDK reads it as {jdk_id}, which Joda-Time rejects",
                "write an offset from GMT-23:59 to GMT+23:59",
            )
        if offset == 0:
            return JodaZone(UTC_ZONE, "UTC", None)
        return JodaZone(FixedZone(offset), format_offset(offset), None)
    return JodaZone(UTC_ZONE, "UTC", _unknown_note(name))


def _joda_id(name: str) -> str:
    """The ID Joda reports for a 2016i name: back links resolve to their target.

    "UTC" stays "UTC": ZoneInfoProvider stores DateTimeZone.UTC under that name, over the
    'backward' link to Etc/UTC (so GMT, mapped to "UTC" by the alias table, is reported as UTC).
    """
    return name if name == "UTC" else _BACKWARD_2016I.get(name, name)


def _named(name: str, joda_id: str, *, alias: bool) -> JodaZone | _Rejection:
    try:
        zone = UTC_ZONE if joda_id == "UTC" else zone_from_name(joda_id, joda_id, 0)
    except ScheduleError:
        return _Rejection(
            f"the installed time zone database does not know {joda_id!r}, which Chronos uses for {name!r}",
            "install or update the tzdata package",
        )
    return JodaZone(zone, joda_id, _alias_note(name, joda_id, zone) if alias else None)


def _alias_note(name: str, joda_id: str, zone: Zone) -> Note:
    """IR203: a JDK three-letter ID Joda remaps, described by its 2016 offsets."""
    january, july = zone.offset_at(_JANUARY_NS), zone.offset_at(_JULY_NS)
    not_this: list[str] = []
    if january == july:
        clock = f"{_offset_text(january)} all year"
    else:
        clock = f"{_offset_text(january)} in January and {_offset_text(july)} in July (daylight saving time)"
        not_this.append(f"a fixed {_offset_text(min(january, july))}")
    hint = f"write {joda_id} to make Chronos's choice explicit"
    misreading = _MISREADINGS.get(name)
    if misreading is not None:
        meaning, instead = misreading
        not_this.append(meaning)
        hint += f"; for {meaning} write {instead}"
    message = f"{name} is {joda_id} in Chronos: {clock}"
    if not_this:
        message += f", not {' or '.join(not_this)}"
    return Note("IR203", message, hint)


def _offset_text(seconds: int) -> str:
    return "+00:00" if seconds == 0 else format_offset(seconds)


# -- the JDK's custom IDs (java.util.TimeZone.parseCustomTimeZone) -----------------------------


def _jdk_custom_id(name: str) -> str | None:
    """The ID the JDK gives ``GMT`` sign ``h``, ``hh``, ``hmm``, ``hhmm`` or ``h[h]:mm``, else ``None``.

    A line-by-line copy, Java ``int`` arithmetic included: any number of digits without a colon
    is read as hours * 100 + minutes and may wrap (``GMT+4294967301`` is ``GMT+00:05``); hours
    must be at most 23 and minutes at most 59; digits are ASCII only; ``GMT`` is case-sensitive.
    """
    if len(name) < 5 or not name.startswith("GMT") or name[3] not in "+-":
        return None
    hours = number = digits = 0
    colon = False
    for char in name[4:]:
        if char == ":":
            if colon or digits > 2:
                return None
            hours, number, digits, colon = number, 0, 0, True
        elif "0" <= char <= "9":
            number = _java_int(number * 10 + ord(char) - ord("0"))
            digits += 1
        else:
            return None
    if not colon:
        if digits <= 2:
            hours, number = number, 0
        else:
            hours, number = _java_div(number, 100), _java_rem(number, 100)
    elif digits != 2:
        return None
    if hours > 23 or number > 59:
        return None
    millis = _java_int(_java_int(_java_int(hours * 60 + number) * 60) * 1000)
    if millis == 0:
        return f"GMT{name[3]}00:00"
    if name[3] == "-":
        millis = _java_int(-millis)
    # ZoneInfoFile.toCustomID: whole minutes, hours as two characters counted up from '0'.
    minutes = _java_div(millis, 60_000)
    sign = "+" if minutes >= 0 else "-"
    hh, mm = divmod(abs(minutes), 60)
    return f"GMT{sign}{chr(48 + hh // 10)}{chr(48 + hh % 10)}:{mm // 10}{mm % 10}"


def _joda_custom_offset(jdk_id: str) -> int | None:
    """Joda's reading of a JDK custom ID (``parseOffset`` of ``±hh:mm``), in seconds, else ``None``."""
    match = re.fullmatch(r"GMT([+-])([0-9]{2}):([0-9]{2})", jdk_id)
    if match is None or int(match[2]) > 23:
        return None
    seconds = int(match[2]) * 3600 + int(match[3]) * 60
    return -seconds if match[1] == "-" else seconds


def _java_int(value: int) -> int:
    return (value + 2**31) % 2**32 - 2**31


def _java_div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _java_rem(a: int, b: int) -> int:
    return a - b * _java_div(a, b)


# -- unknown names (IR204) -------------------------------------------------------------------

_OFFSET_LIKE: Final = re.compile(
    r"(?:UTC|GMT|UT)?([+\-\u2212])([0-9]{1,2})(?::([0-9]{1,2})|([0-9]{2}))?", re.I
)


def _unknown_note(name: str) -> Note:
    return Note("IR204", f"unknown zone {name!r}: Chronos silently uses UTC", _unknown_hint(name))


def _unknown_hint(name: str) -> str | None:
    if name in _JDK_DROPPED:
        return (
            f"the JDK no longer knows {name} (Joda-Time links it to {_joda_id(name)}); write {_joda_id(name)}"
        )
    if name in ("Z", "z"):
        return "write UTC"
    offset = _OFFSET_LIKE.fullmatch(name)
    if offset is not None:
        sign, hours, minutes = offset[1], int(offset[2]), int(offset[3] or offset[4] or 0)
        if hours > 23 or minutes > 59:
            return "a fixed offset is written GMT-23:59 to GMT+23:59"
        if hours == minutes == 0:
            return "write UTC"
        sign = "+" if sign == "+" else "-"  # U+2212 is a minus too
        return f"for a fixed offset write GMT{sign}{hours:02d}:{minutes:02d}"
    stripped = name.strip()
    if stripped != name and _accepted(stripped):
        return f"remove the spaces: {stripped!r} is a zone Chronos knows"
    abbreviation = _ABBREVIATIONS.get(name.upper())
    if abbreviation is not None:
        key, meaning = abbreviation
        return f"{name} is not a zone name ({name.upper()} is {meaning}); did you mean {key}?"
    suggestions = _suggest(name)
    if not suggestions:
        return None
    prefix = "zone names are case-sensitive: " if suggestions[0].casefold() == name.casefold() else ""
    return f"{prefix}did you mean {' or '.join(suggestions)}?"


def _accepted(name: str) -> bool:
    return name in _JODA_ALIASES or (
        (name in _OWN_ID or name in _BACKWARD_2016I or name == "UTC") and name not in _JDK_DROPPED
    )


@functools.cache
def _suggestable() -> dict[str, str]:
    """Names to suggest, case-folded: those Chronos accepts, less the three-letter aliases."""
    names = (_OWN_ID | frozenset(_BACKWARD_2016I) | {"UTC"}) - _JDK_DROPPED - frozenset(_JODA_ALIASES)
    return {name.casefold(): name for name in sorted(names)}


def _suggest(name: str) -> list[str]:
    """:func:`isorepeat.zones.suggest_zones`'s search, over the names Chronos accepts."""
    return suggest_zones(name, _suggestable())
