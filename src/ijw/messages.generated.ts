// Generated from the iJw 3.2 XSDs in src/ijw/xsd by `npm run ijw:types`. Do not edit.

export interface CDT_BerichtIdentificatie {
  /** Naam of nummer, die ter identificatie aan een totale aanlevering kan worden meegegeven. */
  Identificatie: string;
  /** De datum van verzending van het bericht. */
  Dagtekening: string;
}

export interface CDT_XsdVersie {
  BasisschemaXsdVersie: string;
  BerichtXsdVersie: string;
}

export interface Jw301Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "436";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Afzender: string;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export type LDT_DatumGebruik =
  /** dag onbekend; alleen maand en jaar gebruiken */
  | "1"
  /** dag en maand onbekend; alleen jaar gebruiken */
  | "2"
  /** dag, maand en jaar onbekend; onbekende datum */
  | "3";

export interface CDT_Geboortedatum {
  /** Datum waarop een persoon geboren is. */
  Datum: string;
  /** Indicator die aangeeft welk deel van de voorafgaande datum gebruikt mag worden. */
  DatumGebruik?: LDT_DatumGebruik;
}

export type LDT_Geslacht =
  /** Onbekend */
  | "0"
  /** Mannelijk */
  | "1"
  /** Vrouwelijk */
  | "2";

export interface CDT_Achternaam {
  /** De achternaam van een persoon, indien nodig verkort weergegeven. */
  Achternaam: string;
  /** Verzameling van een of meer voorzetsels/lidwoorden, die aan het significante deel van de achternaam van een persoon vooraf gaat en daar een onderdeel van is. */
  Voorvoegsel?: string;
}

export type LDT_NaamGebruik =
  /** Eigen naam */
  | "1"
  /** Naam echtgenoot of geregistreerd partner of alternatieve naam */
  | "2"
  /** Naam echtgenoot of geregistreerd partner gevolgd door eigen naam */
  | "3"
  /** Eigen naam gevolgd door naam echtgenoot of geregistreerd partner */
  | "4"
  /** Pseudoniem */
  | "5"
  /** Niet-natuurlijk persoon */
  | "6";

export interface CDT_VolledigeNaam {
  /** Wettelijk vastgelegde achternaam die iemand bij de geboorte erft van de vader of moeder. */
  Geslachtsnaam: CDT_Achternaam;
  /** Na het voltrekken van een huwelijk of na een officiele partnerregistratie van de partner aangenomen familienaam. */
  Partnernaam?: CDT_Achternaam;
  /** De verzameling namen die, gescheiden door spaties, aan de geslachtsnaam voorafgaat. */
  Voornamen?: string;
  /** De verzameling van letters die wordt gevormd door de eerste letter van alle in volgorde voorkomende voornamen van een persoon. */
  Voorletters?: string;
  /** Aanduiding naamgebruik (gecodeerd). */
  NaamGebruik: LDT_NaamGebruik;
}

export type LDT_Communicatievorm =
  /** Tolk taal */
  | "1"
  /** Doventolk */
  | "2"
  /** Doofblindentolk */
  | "3";

export interface CDT_Communicatie {
  /** Gecodeerde aanduiding van de bijzondere vorm van communicatie die gebruikt dient te worden. */
  Vorm: LDT_Communicatievorm;
  /** De taal van de client waarin met de client wordt gecommuniceerd. */
  Taal?: string;
}

export type LDT_JuridischeStatus =
  /** Rechterlijke machtiging (rm) voorlopig / voortgezette machtiging */
  | "01"
  /** RM op eigen verzoek */
  | "02"
  /** RM met voorwaardelijk ontslag */
  | "03"
  /** Onder toezichtstelling (ots) */
  | "04"
  /** In bewaring stelling (ibs) */
  | "05"
  /** Strafrechterlijke justitiele contacten: tbs */
  | "11"
  /** Strafrechterlijke justitiele contacten: overig */
  | "12";

export type LDT_WettelijkeVertegenwoordiging =
  /** Voogdij */
  | "06"
  /** Bewindvoering */
  | "07"
  /** Mentorschap */
  | "08"
  /** Onder curatele stelling */
  | "09"
  /** Zaakwaarneming */
  | "10";

export type LDT_SoortRelatie =
  /** Curator (juridisch) */
  | "03"
  /** Financieel (gemachtigd) */
  | "04"
  /** Financieel (toetsing) */
  | "05"
  /** Leefeenheid */
  | "06"
  /** Hulpverlener */
  | "07"
  /** Specialist */
  | "08"
  /** Anders */
  | "09"
  /** Ouder */
  | "10"
  /** Voogd */
  | "11"
  /** Partner/echtgeno(o)t(e) */
  | "12"
  /** Pleegouder */
  | "13"
  /** Bewindvoerder */
  | "14"
  /** Mentor */
  | "15"
  /** Zoon/dochter */
  | "16"
  /** Familielid */
  | "17"
  /** Gezinslid */
  | "18"
  /** Buur */
  | "19"
  /** Vriend(in)/kennis */
  | "20"
  /** Clientondersteuner */
  | "21"
  /** Huisarts */
  | "22"
  /** Erven van */
  | "23"
  /** Werkgever */
  | "24"
  /** Wijkcoach */
  | "25";

export type LDT_AdresSoort =
  /** BRP-adres */
  | "01"
  /** Correspondentie-adres */
  | "02"
  /** Verblijfadres */
  | "03"
  /** Tijdelijk verblijfadres */
  | "04";

export type LDT_AanduidingWoonadres =
  /** Aan boord */
  | "AB"
  /** Bij */
  | "BY"
  /** Tegenover */
  | "TO"
  /** Woonwagen */
  | "WW";

export interface CDT_Huis {
  /** De numerieke aanduiding zoals de gemeente die aan het object heeft toegekend. */
  Huisnummer: number;
  /** Een alfabetisch teken achter het huisnummer zoals dit door het gemeentebestuur is toegekend. */
  Huisletter?: string;
  /** Die letters of tekens die noodzakelijk zijn om, naast huisnummer en -letter, de brievenbus te vinden. */
  HuisnummerToevoeging?: string;
  /** De aanduiding die wordt gebruikt voor adressen die niet zijn voorzien van de gebruikelijke straatnaam en huisnummeraanduidingen. */
  AanduidingWoonadres?: LDT_AanduidingWoonadres;
}

export type LDT_LandCode =
  /** ANDORRA */
  | "AD"
  /** VERENIGDE ARABISCHE EMIRATEN */
  | "AE"
  /** AFGHANISTAN */
  | "AF"
  /** ANTIGUA EN BARBUDA */
  | "AG"
  /** ANGUILA */
  | "AI"
  /** ALBANIE */
  | "AL"
  /** ARMENIE */
  | "AM"
  /** ANGOLA */
  | "AO"
  /** ANTARTICA */
  | "AQ"
  /** ARGENTINIE */
  | "AR"
  /** AMERIKAANS-SAMOA */
  | "AS"
  /** OOSTENRIJK */
  | "AT"
  /** AUSTRALIE */
  | "AU"
  /** ARUBA */
  | "AW"
  /** ÅLANDSEILANDEN */
  | "AX"
  /** AZERBEIDZJAN */
  | "AZ"
  /** BOSNIE EN HERZEGOVINA */
  | "BA"
  /** BARBADOS */
  | "BB"
  /** BANGLADESH */
  | "BD"
  /** BELGIE */
  | "BE"
  /** BURKINA FASO */
  | "BF"
  /** BULGARIJE */
  | "BG"
  /** BAHREIN */
  | "BH"
  /** BURUNDI */
  | "BI"
  /** BENIN */
  | "BJ"
  /** SAINT BARTHÉLEMY */
  | "BL"
  /** BERMUDA */
  | "BM"
  /** BRUNEI */
  | "BN"
  /** BOLIVIA */
  | "BO"
  /** BONAIRE, SINT EUSTATIUS en SABA */
  | "BQ"
  /** BRAZILIE */
  | "BR"
  /** BAHAMA'S */
  | "BS"
  /** BHUTAN */
  | "BT"
  /** BOUVET */
  | "BV"
  /** BOTSWANA */
  | "BW"
  /** WIT-RUSLAND */
  | "BY"
  /** BELIZE */
  | "BZ"
  /** CANADA */
  | "CA"
  /** COCOSEILANDEN */
  | "CC"
  /** CONGO-KINSHASA */
  | "CD"
  /** CENTRAAL-AFRIKAANSE REPUBLIEK */
  | "CF"
  /** CONGO-BRAZZAVILLE */
  | "CG"
  /** ZWITSERLAND */
  | "CH"
  /** IVOORKUST */
  | "CI"
  /** COOKEILANDEN */
  | "CK"
  /** CHILI */
  | "CL"
  /** KAMEROEN */
  | "CM"
  /** CHINA */
  | "CN"
  /** COLOMBIA */
  | "CO"
  /** COSTA RICA */
  | "CR"
  /** CUBA */
  | "CU"
  /** KAAPVERDIE */
  | "CV"
  /** CURAÇAO */
  | "CW"
  /** CHRISTMASEILAND */
  | "CX"
  /** CYPRUS */
  | "CY"
  /** TSJECHIE */
  | "CZ"
  /** DUITSLAND */
  | "DE"
  /** DJIBOUTI */
  | "DJ"
  /** DENEMARKEN */
  | "DK"
  /** DOMINICA */
  | "DM"
  /** DOMINICAANSE REPUBLIEK */
  | "DO"
  /** ALGERIJE */
  | "DZ"
  /** ECUADOR */
  | "EC"
  /** ESTLAND */
  | "EE"
  /** EGYPTE */
  | "EG"
  /** WESTELIJKE SAHARA */
  | "EH"
  /** ERITREA */
  | "ER"
  /** SPANJE */
  | "ES"
  /** ETHIOPIE */
  | "ET"
  /** FINLAND */
  | "FI"
  /** FIJI */
  | "FJ"
  /** FALKLANDEILANDEN */
  | "FK"
  /** MICRONESIA */
  | "FM"
  /** FAERÖER */
  | "FO"
  /** FRANKRIJK */
  | "FR"
  /** GABON */
  | "GA"
  /** VERENIGD KONINKRIJK */
  | "GB"
  /** GRENADA */
  | "GD"
  /** GEORGIE */
  | "GE"
  /** FRANS-GUYANA */
  | "GF"
  /** GUERNSEY */
  | "GG"
  /** GHANA */
  | "GH"
  /** GIBRALTAR */
  | "GI"
  /** GROENLAND */
  | "GL"
  /** GAMBIA */
  | "GM"
  /** GUINEA */
  | "GN"
  /** GUADELOUPE */
  | "GP"
  /** EQUATORIAAL-GUINEA */
  | "GQ"
  /** GRIEKENLAND */
  | "GR"
  /** ZUID-GEORGIE EN DE ZUIDELIJKE SANDWICHEILANDEN */
  | "GS"
  /** GUATEMALA */
  | "GT"
  /** GUAM */
  | "GU"
  /** GUINEE-BISSAU */
  | "GW"
  /** GUYANA */
  | "GY"
  /** HONGKONG */
  | "HK"
  /** HEARD EN MCDONALDEILANDEN */
  | "HM"
  /** HONDURAS */
  | "HN"
  /** KROATIE */
  | "HR"
  /** HAÏTI */
  | "HT"
  /** HONGARIJE */
  | "HU"
  /** INDONESIE */
  | "ID"
  /** IERLAND */
  | "IE"
  /** ISRAEL */
  | "IL"
  /** ISLE OF MAN */
  | "IM"
  /** INDIA */
  | "IN"
  /** BRITS TERRITORIUM IN DE INDISCHE OCEAAN */
  | "IO"
  /** IRAK */
  | "IQ"
  /** IRAN */
  | "IR"
  /** IJSLAND */
  | "IS"
  /** ITALIE */
  | "IT"
  /** JERSEY */
  | "JE"
  /** JAMAICA */
  | "JM"
  /** JORDANIE */
  | "JO"
  /** JAPAN */
  | "JP"
  /** KENIA */
  | "KE"
  /** KIRGIZIE */
  | "KG"
  /** CAMBODJA */
  | "KH"
  /** KIRIBATI */
  | "KI"
  /** COMOREN */
  | "KM"
  /** SAINT KITTS EN NEVIS */
  | "KN"
  /** NOORD-KOREA */
  | "KP"
  /** ZUID-KOREA */
  | "KR"
  /** KOEWEIT */
  | "KW"
  /** CAYMANEILANDEN */
  | "KY"
  /** KAZACHSTAN */
  | "KZ"
  /** LAOS */
  | "LA"
  /** LIBANON */
  | "LB"
  /** SAINT LUCIA */
  | "LC"
  /** LIECHTENSTEIN */
  | "LI"
  /** SRI LANKA */
  | "LK"
  /** LIBERIA */
  | "LR"
  /** LESOTHO */
  | "LS"
  /** LITOUWEN */
  | "LT"
  /** LUXEMBURG */
  | "LU"
  /** LETLAND */
  | "LV"
  /** LIBIE */
  | "LY"
  /** MAROKKO */
  | "MA"
  /** MONACO */
  | "MC"
  /** MOLDAVIE */
  | "MD"
  /** MONTENEGRO */
  | "ME"
  /** SAINT MARTIN */
  | "MF"
  /** MADAGASKAR */
  | "MG"
  /** MARSHALLEILANDEN */
  | "MH"
  /** MACEDONIE */
  | "MK"
  /** MALI */
  | "ML"
  /** MYANMAR */
  | "MM"
  /** MONGOLIE */
  | "MN"
  /** MACAU */
  | "MO"
  /** NOORDELIJKE MARIANEN */
  | "MP"
  /** MARTINIQUE */
  | "MQ"
  /** MAURITANIE */
  | "MR"
  /** MONTSERRAT */
  | "MS"
  /** MALTA */
  | "MT"
  /** MAURITIUS */
  | "MU"
  /** MALDIVEN */
  | "MV"
  /** MALAWI */
  | "MW"
  /** MEXICO */
  | "MX"
  /** MALEISIE */
  | "MY"
  /** MOZAMBIQUE */
  | "MZ"
  /** NAMIBIE */
  | "NA"
  /** NIEUW-CALEDONIE */
  | "NC"
  /** NIGER */
  | "NE"
  /** NORFOLK */
  | "NF"
  /** NIGERIA */
  | "NG"
  /** NICARAGUA */
  | "NI"
  /** NEDERLAND */
  | "NL"
  /** NOORWEGEN */
  | "NO"
  /** NEPAL */
  | "NP"
  /** NAURU */
  | "NR"
  /** NIUE */
  | "NU"
  /** NIEUW-ZEELAND */
  | "NZ"
  /** OMAN */
  | "OM"
  /** PANAMA */
  | "PA"
  /** PERU */
  | "PE"
  /** FRANS-POLYNESIE */
  | "PF"
  /** PAPOEA-NIEUW-GUINEA */
  | "PG"
  /** FILIPIJNEN */
  | "PH"
  /** PAKISTAN */
  | "PK"
  /** POLEN */
  | "PL"
  /** SAINT-PIERRE EN MIQUELON */
  | "PM"
  /** PITCAIRNEILANDEN */
  | "PN"
  /** PUERTO RICO */
  | "PR"
  /** PALESTIJNSE AUTORITEIT */
  | "PS"
  /** PORTUGAL */
  | "PT"
  /** PALAU */
  | "PW"
  /** PARAGUAY */
  | "PY"
  /** QATAR */
  | "QA"
  /** RÉUNION */
  | "RE"
  /** ROEMENIE */
  | "RO"
  /** SERVIE */
  | "RS"
  /** RUSLAND */
  | "RU"
  /** RWANDA */
  | "RW"
  /** SAOEDI-ARABIE */
  | "SA"
  /** SALOMONSEILANDEN */
  | "SB"
  /** SEYCHELLEN */
  | "SC"
  /** SOEDAN */
  | "SD"
  /** ZWEDEN */
  | "SE"
  /** SINGAPORE */
  | "SG"
  /** SINT-HELENA */
  | "SH"
  /** SLOVENIE */
  | "SI"
  /** SPITSBERGEN EN JAN MAYEN */
  | "SJ"
  /** SLOWAKIJE */
  | "SK"
  /** SIERRA LEONE */
  | "SL"
  /** SAN MARINO */
  | "SM"
  /** SENEGAL */
  | "SN"
  /** SOMALIE */
  | "SO"
  /** SURINAME */
  | "SR"
  /** ZUID SOEDAN */
  | "SS"
  /** SAO TOMÉ EN PRINCIPE */
  | "ST"
  /** EL SALVADOR */
  | "SV"
  /** SINT MAARTEN (Nederlands deel) */
  | "SX"
  /** SYRIE */
  | "SY"
  /** SWAZILAND */
  | "SZ"
  /** TURKS- EN CAICOSEILANDEN */
  | "TC"
  /** TSJAAD */
  | "TD"
  /** FRANSE ZUIDELIJKE EN ANTARCTISCHE GEBIEDEN */
  | "TF"
  /** TOGO */
  | "TG"
  /** THAILAND */
  | "TH"
  /** TADZJIKISTAN */
  | "TJ"
  /** TOKELAU */
  | "TK"
  /** OOST-TIMOR */
  | "TL"
  /** TURKMENISTAN */
  | "TM"
  /** TUNESIE */
  | "TN"
  /** TONGA */
  | "TO"
  /** TURKIJE */
  | "TR"
  /** TRINIDAD EN TOBAGO */
  | "TT"
  /** TUVALU */
  | "TV"
  /** TAIWAN */
  | "TW"
  /** TANZANIA */
  | "TZ"
  /** OEKRAINE */
  | "UA"
  /** OEGANDA */
  | "UG"
  /** KLEINE PACIFISCHE EILANDEN VAN DE VERENIGDE STATEN */
  | "UM"
  /** VERENIGDE STATEN */
  | "US"
  /** URUGUAY */
  | "UY"
  /** OEZBEKISTAN */
  | "UZ"
  /** VATICAANSTAD */
  | "VA"
  /** SAINT VINCENT EN DE GRENADINES */
  | "VC"
  /** VENEZUELA */
  | "VE"
  /** BRITSE MAAGDENEILANDEN */
  | "VG"
  /** AMERIKAANSE MAAGDENEILANDEN */
  | "VI"
  /** VIETNAM */
  | "VN"
  /** VANUATU */
  | "VU"
  /** WALLIS EN FUTUNA */
  | "WF"
  /** SAMOA */
  | "WS"
  /** JEMEN */
  | "YE"
  /** MAYOTTE */
  | "YT"
  /** ZUID-AFRIKA */
  | "ZA"
  /** ZAMBIA */
  | "ZM"
  /** ZIMBABWE */
  | "ZW";

export interface CDT_Adres {
  /** Aanduiding van een specifiek huis in een straat, onderdeel van het adres. */
  Huis?: CDT_Huis;
  /** Aanduiding van de (inter)nationale postcode. Dit veld is geschikt voor zowel de Nederlandse als niet-Nederlandse postcodes. */
  Postcode?: string;
  /** De officiele door de gemeente vastgestelde naam van een straat. */
  Straatnaam?: string;
  /** De door de gemeente vastgestelde naam van een woonplaats. */
  Plaatsnaam?: string;
  /** Identificatie van een (historisch/actueel) land of gebiedsdeel. */
  LandCode?: LDT_LandCode;
}

export interface CDT_Telefoon {
  /** Het telefoonnummer waarop de client of relatie van de client te bereiken is. */
  Telefoonnummer: string;
  /** Het telefoonnummer van een land, vanuit Nederland benaderd. */
  Landnummer: string;
}

export interface CDT_Telefoonnummers {
  /** Het telefoonnummer waarop de client of relatie van de client te bereiken is. */
  Telefoon01: CDT_Telefoon;
  /** Het telefoonnummer waarop de client of relatie van de client te bereiken is. */
  Telefoon02?: CDT_Telefoon;
}

export interface CDT_OpenPeriode {
  /** De begindatum van de periode. */
  Begindatum?: string;
  /** De einddatum van de periode. */
  Einddatum?: string;
}

export interface Jw301Contact {
  /** Nadere typering van het adres. */
  Soort: LDT_AdresSoort;
  /** Adres van de client of relatie van de client. */
  Adres?: CDT_Adres;
  /** De naam van een organisatie waar de client of relatie van de client verblijft. */
  Organisatie?: string;
  /** De telefoonnummers waarop de client of relatie van de client te bereiken is. */
  Telefoon?: CDT_Telefoonnummers;
  /** Het e-mailadres van de client of relatie van de client. */
  Emailadres?: string;
  /** Begindatum en/of een einddatum van het verblijf van de client of relatie van de client op een tijdelijk adres. */
  Periode?: CDT_OpenPeriode;
}

export interface Jw301Relatie {
  /** Identificerend nummer van de relatie van een client. */
  Nummer: string;
  /** Aanduiding van de prioriteit van de contactpersoon. */
  Volgorde?: number;
  /** De soort relatie die een persoon ten opzichte van de client heeft. */
  Soort: LDT_SoortRelatie;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum?: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht?: LDT_Geslacht;
  /** Volledige naam van een natuurlijk persoon, aangeduid als Geslachtsnaam, eventueel Partnernaam, Voornamen en/of Voorletters en NaamGebruik. */
  Naam: CDT_VolledigeNaam;
  Contact: Jw301Contact;
}

export interface Jw301Relaties {
  Relatie: Jw301Relatie[];
}

export interface Jw301Contactgegevens {
  Contact: Jw301Contact[];
}

export type LDT_ProductCategorie =
  /** (2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam */
  | "31"
  /** (2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder */
  | "32"
  /** (2015) Zonder verblijf: daghulp op locatie van de aanbieder */
  | "33"
  /** (2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige */
  | "34"
  /** (2015) Met verblijf: pleegzorg */
  | "35"
  /** (2015) Met verblijf: gezinsgericht */
  | "36"
  /** (2015) Met verblijf: gesloten plaatsing */
  | "37"
  /** (2015) Met verblijf: overig residentieel */
  | "38"
  /** Persoonlijke verzorging */
  | "40"
  /** Dagbehandeling */
  | "41"
  /** Vervoerdiensten */
  | "42"
  /** Jeugdhulp verblijf (incl. behandeling) */
  | "43"
  /** Jeugdhulp verblijf (excl. behandeling) */
  | "44"
  /** Jeugdhulp ambulant */
  | "45"
  /** Jeugdhulp crisis */
  | "46"
  /** Jeugdreclassering */
  | "47"
  /** Jeugdbescherming */
  | "48"
  /** Activiteiten in het preventief justitieel kader */
  | "49"
  /** Maatwerkarrangementen jeugd */
  | "50"
  /** Generalistische basis-ggz */
  | "51"
  /** Specialistische ggz */
  | "52"
  /** Kindergeneeskunde */
  | "53"
  /** Jeugd-ggz */
  | "54"
  /** Landelijk ingekochte zorg */
  | "55";

export interface CDT_Product {
  /** Gecodeerde aanduiding van hoofdcategorieen van producten in het kader van de Jeugdwet. */
  Categorie: LDT_ProductCategorie;
  /** Gecodeerde aanduiding van producten in het kader van de Jeugdwet. */
  Code?: string;
}

export type LDT_RedenWijziging =
  /** Administratieve correctie (vervallen) */
  | "01"
  /** Client overleden */
  | "02"
  /** Contractwijziging */
  | "03"
  /** Herbeoordeling: verlenging toewijzing */
  | "04"
  /** Herbeoordeling: verkorting toewijzing */
  | "05"
  /** Uitstroom naar ander domein */
  | "06"
  /** Verhuizing naar een andere gemeente */
  | "07"
  /** Wijziging leveringsvorm */
  | "08"
  /** Overstap naar andere aanbieder */
  | "09"
  /** Overgang naar nieuwe bekostigingssystematiek */
  | "10"
  /** Gemeentelijke herindeling */
  | "11"
  /** Geinitieerd door de aanbieder */
  | "12"
  /** Verwijderd */
  | "13"
  /** Administratieve correctie */
  | "14";

export type LDT_Eenheid =
  /** Minuut */
  | "01"
  /** Uur */
  | "04"
  /** Etmaal */
  | "14"
  /** Dagdeel (4 uur) */
  | "16"
  /** Stuks (output) */
  | "82"
  /** Euro's */
  | "83"
  /** Stuks (inspanning) */
  | "84";

export type LDT_Frequentie =
  /** Per dag */
  | "1"
  /** Per week */
  | "2"
  /** Per maand */
  | "4"
  /** Totaal binnen geldigheidsduur toewijzing */
  | "6";

export interface CDT_Omvang {
  /** Aanduiding van de mate van zorg betreffende een product. */
  Volume: number;
  /** Aanduiding van de eenheid waarin het volume is uitgedrukt. */
  Eenheid: LDT_Eenheid;
  /** Aanduiding van de frequentie waarmee een ondersteuningsproduct geleverd wordt. */
  Frequentie: LDT_Frequentie;
}

export interface Jw301ToegewezenProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  /** Naam of nummer die als referentie kan worden meegegeven. */
  ReferentieAanbieder?: string;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** De datum waarop de gemeente de toewijzing van de zorg aan de zorgaanbieder definitief heeft vastgesteld. */
  Toewijzingsdatum: string;
  /** Het tijdstip waarop de gemeente de toewijzing van de zorg aan de zorgaanbieder definitief heeft vastgesteld. */
  Toewijzingstijd: string;
  /** De datum waarop de toegewezen product voor de eerste keer geleverd dient te worden. */
  Ingangsdatum: string;
  /** De datum waarop de toegewezen product voor de laatste keer geleverd dient te worden. */
  Einddatum?: string;
  /** De reden waarom een toewijzing wordt gewijzigd. */
  RedenWijziging?: LDT_RedenWijziging;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het toegewezen budget */
  Budget?: number;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
}

export interface Jw301ToegewezenProducten {
  ToegewezenProduct: Jw301ToegewezenProduct[];
}

export interface Jw301Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** Volledige naam van een natuurlijk persoon, aangeduid als Geslachtsnaam, eventueel Partnernaam, Voornamen en/of Voorletters en NaamGebruik. */
  Naam: CDT_VolledigeNaam;
  /** Aanduiding over bijzondere vorm van communicatie die gebruikt dient te worden. */
  Communicatie?: CDT_Communicatie;
  /** Juridische situatie die voor de client van toepassing is op het moment van indicatiestelling. */
  JuridischeStatus?: LDT_JuridischeStatus;
  /** Wettelijke vertegenwoordiging die voor de client van toepassing is op het moment van beoordeling. */
  WettelijkeVertegenwoordiging?: LDT_WettelijkeVertegenwoordiging;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
  Relaties?: Jw301Relaties;
  Contactgegevens: Jw301Contactgegevens;
  ToegewezenProducten: Jw301ToegewezenProducten;
}

export interface Jw301Root {
  Header: Jw301Header;
  Client: Jw301Client;
}

export type LDT_RetourCode =
  /** Bericht is afgekeurd om technische redenen. */
  | "0001"
  /** Geen opmerking over deze berichtklasse. */
  | "0200"
  /** Berichtklasse is niet beoordeeld. */
  | "0233"
  /** Het ingediende tarief komt niet overeen met het contractuele tarief */
  | "0611"
  /** Declaratie is volledig toegewezen. */
  | "8001"
  /** Van deze credit prestatie is geen debet prestatie bekend. */
  | "8017"
  /** Referentienummer prestatie is reeds aangeleverd. */
  | "8021"
  /** De prestatie hoort niet bij deze client. */
  | "8187"
  /** DeclaratiePeriode is niet de kalendermaand die volgt op voorgaande DeclaratiePeriode terwijl iedere declaratieperiode zorg geleverd is. */
  | "8214"
  /** Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen. */
  | "8848"
  /** Het regie bericht kan niet gekoppeld worden aan een toewijzing. */
  | "9019"
  /** Identificatie moet per berichtsoort uniek zijn voor de verzendende partij. */
  | "9056"
  /** Het bericht kan niet verwerkt worden omdat geen eerder bericht ontvangen is. */
  | "9063"
  /** Er is geen actueel startbericht met dezelfde sleutel. */
  | "9069"
  /** Het eerdere start bericht kan niet verwijderd worden omdat de zorg al beeindigd is */
  | "9071"
  /** Er is al een eerder bericht ontvangen met dezelfde sleutel. */
  | "9074"
  /** Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing */
  | "9307"
  /** Einddatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing */
  | "9308"
  /** De ProductPeriode valt niet geheel binnen een DeclaratiePeriode. */
  | "9319"
  /** Het ingediende volume overschrijdt het toegewezen volume. */
  | "9321"
  /** De som van de ingediende volumes overschrijdt het toegewezen volume */
  | "9322"
  /** De actuele levering is nog niet gestopt met een Stopbericht. */
  | "9326"
  /** Toewijzing heeft geen uniek nummer binnen wettelijk domein. */
  | "9332"
  /** Declaratienummer is niet uniek */
  | "9333"
  /** Niet iedere prestatie in een declaratiebericht is gerelateerd aan een toegewezen product op basis van het toewijzingnummer */
  | "9338"
  /** ProductCategorie in de prestatie is niet gelijk aan ProductCategorie in het ToegewezenProduct. */
  | "9339"
  /** ProductCode in de Prestatie is niet gelijk aan ProductCode in het ToegewezenProduct. */
  | "9340"
  /** Eenheid in de Prestatie past niet bij Eenheid in het ToegewezenProduct */
  | "9341"
  /** Eenheid is ongelijk is aan waarde 83 (Euro's), maar IngediendBedrag is niet gelijk aan GeleverdVolume vermenigvuldigd met (het onafgeronde) ProductTarief. */
  | "9346"
  /** ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein */
  | "9347"
  /** Het VOW bericht bevat niet alle actuele toegewezen producten van de client, hetzij in OngewijzigdProduct, hetzij in TeWijzigenProduct */
  | "9349"
  /** OngewijzigdProduct is niet gerelateerd aan een actueel toegewezen product op basis van het toewijzingnummer. */
  | "9350"
  /** TeWijzigenProduct is niet gerelateerd aan een actuele toewijzing op basis van ToewijzingNummer. */
  | "9351"
  /** ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of verzoek om wijziging */
  | "9355"
  /** GewensteIngangsdatum is kleiner dan of gelijk aan de dagtekening, maar niet gelijk aan de ingangsdatum van het originele ToegewezenProduct. */
  | "9357"
  /** Er is al een toewijzing gestuurd met deze ReferentieAanbieder. */
  | "9359"
  /** Er is al een antwoordbericht met deze ReferentieAanbieder */
  | "9360"
  /** Het product komt vaker voor met overlappende zorgperiodes. */
  | "9361"
  /** Er komt al een antwoordbericht met dezelfde ReferentieAanbieder voor waar VerzoekAntwoord de waarde Nee heeft. */
  | "9365"
  /** ProductReferentie komt niet voor in een Declaratiebericht */
  | "9366"
  /** De waarde komt niet overeen met de waarde uit heenbericht met gelijke ProductReferentie */
  | "9367"
  /** Budget is meegegeven, maar de som van GeleverdVolume in alle ingediende Prestaties passen niet binnen het toegewezen Budget. */
  | "9369"
  /** Budget is gewijzigd, maar GewensteIngangsdatum is niet gelijk aan die in de actuele toewijzing */
  | "9373"
  /** Er is al een verzoek onderhanden. */
  | "9374"
  /** Omvang is gevuld, terwijl Product in toewijzing met ToewijzingNummer leeg is en Einddatum groter dan 31-12-2020 of leeg is */
  | "9375"
  /** ReferentieAanbieder refereert niet naar een verzoek om toewijzing of verzoek om wijziging, is onterecht gevuld */
  | "9379"
  /** Declaratie op toewijzing met RedenWijziging "13" (Verwijderd) */
  | "9384"
  /** Toewijzing heeft goedgekeurde declaratieregels */
  | "9385"
  /** Begindatum van de ProductPeriode is niet eerste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Ingangsdatum van de toewijzing ligt niet later in deze betreffende maand */
  | "9387"
  /** Einddatum van de ProductPeriode is niet laatste dag van de kalendermaand waarop ProductPeriode betrekking heeft en Einddatum van de toewijzing ligt niet eerder in deze betreffende maand. */
  | "9388"
  /** Deze prestatie heeft een debetprestatie zonder bijbehorende creditprestatie */
  | "9389"
  /** Er is al een Prestatie met gelijk ProductReferentie met waarde Credit */
  | "9390"
  /** Omvang is leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer gevuld is. */
  | "9411"
  /** Omvang is niet leeg, terwijl Code in Product bij de toewijzing met ToewijzingNummer leeg is en einddatum groter dan 31-12-2020 of leeg is */
  | "9412"
  /** RedenBeeindiging heeft waarde 20, terwijl er al een ander StopProduct met hetzelfde Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging waarde 20 is. */
  | "9413"
  /** Einddatum is niet >= aan Einddatum uit actuele StopProduct met gelijk Bsn, ToewijzingNummer en Begindatum */
  | "9414"
  /** Er is StopProduct met gelijk Bsn, ToewijzingNummer, Begindatum en RedenBeeindiging <> waarde 20 */
  | "9415"
  /** Gemeentecode komt niet voor in de lijst van CBS. */
  | "S300"
  /** ProductCode hoort niet bij de ProductCategorie. */
  | "S329";

export interface Jw302RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw302Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "437";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Afzender: string;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** Naam of nummer ter identificatie van een retourbericht. */
  IdentificatieRetour: string;
  /** Dagtekening van het retourbericht. */
  DagtekeningRetour: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSLT's die zijn ingezet voor de controle van het heenbericht. */
  XsltVersie?: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het retourbericht. */
  XsdVersieRetour: CDT_XsdVersie;
  RetourCodes?: Jw302RetourCodes;
}

export interface Jw302Contact {
  /** Nadere typering van het adres. */
  Soort: LDT_AdresSoort;
  /** Adres van de client of relatie van de client. */
  Adres?: CDT_Adres;
  /** De naam van een organisatie waar de client of relatie van de client verblijft. */
  Organisatie?: string;
  /** De telefoonnummers waarop de client of relatie van de client te bereiken is. */
  Telefoon?: CDT_Telefoonnummers;
  /** Het e-mailadres van de client of relatie van de client. */
  Emailadres?: string;
  /** Begindatum en/of een einddatum van het verblijf van de client of relatie van de client op een tijdelijk adres. */
  Periode?: CDT_OpenPeriode;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302Relatie {
  /** Identificerend nummer van de relatie van een client. */
  Nummer: string;
  /** Aanduiding van de prioriteit van de contactpersoon. */
  Volgorde?: number;
  /** De soort relatie die een persoon ten opzichte van de client heeft. */
  Soort: LDT_SoortRelatie;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum?: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht?: LDT_Geslacht;
  /** Volledige naam van een natuurlijk persoon, aangeduid als Geslachtsnaam, eventueel Partnernaam, Voornamen en/of Voorletters en NaamGebruik. */
  Naam: CDT_VolledigeNaam;
  Contact: Jw302Contact;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302Relaties {
  Relatie: Jw302Relatie[];
}

export interface Jw302Contactgegevens {
  Contact: Jw302Contact[];
}

export interface Jw302ToegewezenProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  /** Naam of nummer die als referentie kan worden meegegeven. */
  ReferentieAanbieder?: string;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** De datum waarop de gemeente de toewijzing van de zorg aan de zorgaanbieder definitief heeft vastgesteld. */
  Toewijzingsdatum: string;
  /** Het tijdstip waarop de gemeente de toewijzing van de zorg aan de zorgaanbieder definitief heeft vastgesteld. */
  Toewijzingstijd: string;
  /** De datum waarop de toegewezen product voor de eerste keer geleverd dient te worden. */
  Ingangsdatum: string;
  /** De datum waarop de toegewezen product voor de laatste keer geleverd dient te worden. */
  Einddatum?: string;
  /** De reden waarom een toewijzing wordt gewijzigd. */
  RedenWijziging?: LDT_RedenWijziging;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het toegewezen budget */
  Budget?: number;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302ToegewezenProducten {
  ToegewezenProduct: Jw302ToegewezenProduct[];
}

export interface Jw302Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** Volledige naam van een natuurlijk persoon, aangeduid als Geslachtsnaam, eventueel Partnernaam, Voornamen en/of Voorletters en NaamGebruik. */
  Naam: CDT_VolledigeNaam;
  /** Aanduiding over bijzondere vorm van communicatie die gebruikt dient te worden. */
  Communicatie?: CDT_Communicatie;
  /** Juridische situatie die voor de client van toepassing is op het moment van indicatiestelling. */
  JuridischeStatus?: LDT_JuridischeStatus;
  /** Wettelijke vertegenwoordiging die voor de client van toepassing is op het moment van beoordeling. */
  WettelijkeVertegenwoordiging?: LDT_WettelijkeVertegenwoordiging;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
  Relaties?: Jw302Relaties;
  Contactgegevens: Jw302Contactgegevens;
  ToegewezenProducten: Jw302ToegewezenProducten;
  RetourCodes: Jw302RetourCodes;
}

export interface Jw302Root {
  Header: Jw302Header;
  Client?: Jw302Client;
}

export interface Jw305Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "438";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export interface CDT_VerkorteNaam {
  /** Wettelijk vastgelegde achternaam die iemand bij de geboorte erft van de vader of moeder. */
  Geslachtsnaam: CDT_Achternaam;
  /** De verzameling namen die, gescheiden door spaties, aan de geslachtsnaam voorafgaat. */
  Voornamen?: string;
  /** De verzameling van letters die wordt gevormd door de eerste letter van alle in volgorde voorkomende voornamen van een persoon. */
  Voorletters?: string;
}

export type LDT_StatusAanlevering =
  /** Eerste aanlevering */
  | "1"
  /** Gewijzigde aanlevering */
  | "2"
  /** Verwijderen aanlevering */
  | "3"
  /** Niet van toepassing (ongewijzigd) */
  | "9";

export interface Jw305StartProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer?: number;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** De datum waarop de toegewezen product voor de eerste keer geleverd dient te worden (gelijk aan de Ingangsdatum van het toegewezen product in het Toewijzingbericht). */
  ToewijzingIngangsdatum?: string;
  /** Datum vanaf wanneer een ondersteuningsproduct wordt geleverd. */
  Begindatum: string;
  /** Indicatie over de status van de informatie in de berichtklasse. */
  StatusAanlevering: LDT_StatusAanlevering;
}

export interface Jw305StartProducten {
  StartProduct: Jw305StartProduct[];
}

export interface Jw305Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** De naam van een natuurlijk persoon, aangeduid als Geslachtsnaam en eventueel Voornamen en/of Voorletters. */
  Naam: CDT_VerkorteNaam;
  StartProducten: Jw305StartProducten;
}

export interface Jw305Root {
  Header: Jw305Header;
  Client: Jw305Client;
}

export interface Jw306RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw306Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "439";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** Naam of nummer ter identificatie van een retourbericht. */
  IdentificatieRetour: string;
  /** Dagtekening van het retourbericht. */
  DagtekeningRetour: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSLT's die zijn ingezet voor de controle van het heenbericht. */
  XsltVersie?: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het retourbericht. */
  XsdVersieRetour: CDT_XsdVersie;
  RetourCodes?: Jw306RetourCodes;
}

export interface Jw306StartProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer?: number;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** De datum waarop de toegewezen product voor de eerste keer geleverd dient te worden (gelijk aan de Ingangsdatum van het toegewezen product in het Toewijzingbericht). */
  ToewijzingIngangsdatum?: string;
  /** Datum vanaf wanneer een ondersteuningsproduct wordt geleverd. */
  Begindatum: string;
  /** Indicatie over de status van de informatie in de berichtklasse. */
  StatusAanlevering: LDT_StatusAanlevering;
  RetourCodes: Jw306RetourCodes;
}

export interface Jw306StartProducten {
  StartProduct: Jw306StartProduct[];
}

export interface Jw306Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** De naam van een natuurlijk persoon, aangeduid als Geslachtsnaam en eventueel Voornamen en/of Voorletters. */
  Naam: CDT_VerkorteNaam;
  StartProducten: Jw306StartProducten;
  RetourCodes: Jw306RetourCodes;
}

export interface Jw306Root {
  Header: Jw306Header;
  Client?: Jw306Client;
}

export interface Jw307Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "440";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export type LDT_RedenBeeindiging =
  /** Overlijden */
  | "02"
  /** Levering is tijdelijk beeindigd. */
  | "20"
  /** Levering is volgens plan beeindigd. */
  | "31"
  /** Voortijdig afgesloten: eenzijdig door de client. */
  | "32"
  /** Voortijdig afgesloten: eenzijdig door de aanbieder. */
  | "33"
  /** Voortijdig afgesloten: in overeenstemming. */
  | "34"
  /** Voortijdig afgesloten: wegens externe omstandigheden. */
  | "35"
  /** Geinitieerd door de gemeente */
  | "36"
  /** In verband met wijzigingsverzoek */
  | "37"
  /** Overstap naar andere aanbieder */
  | "38"
  /** Uitstroom naar ander domein */
  | "39";

export interface Jw307StopProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer?: number;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** De datum waarop de toegewezen product voor de eerste keer geleverd dient te worden (gelijk aan de Ingangsdatum van het toegewezen product in het Toewijzingbericht). */
  ToewijzingIngangsdatum?: string;
  /** Datum vanaf wanneer een ondersteuningsproduct wordt geleverd. */
  Begindatum: string;
  /** De reden van beeindiging van de Jeugdhulp bij de client. */
  RedenBeeindiging: LDT_RedenBeeindiging;
  /** De datum waarop de Jeugdhulp bij de client wordt beeindigd. */
  Einddatum: string;
  /** Indicatie over de status van de informatie in de berichtklasse. */
  StatusAanlevering: LDT_StatusAanlevering;
}

export interface Jw307StopProducten {
  StopProduct: Jw307StopProduct[];
}

export interface Jw307Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** De naam van een natuurlijk persoon, aangeduid als Geslachtsnaam en eventueel Voornamen en/of Voorletters. */
  Naam: CDT_VerkorteNaam;
  StopProducten: Jw307StopProducten;
}

export interface Jw307Root {
  Header: Jw307Header;
  Client: Jw307Client;
}

export interface Jw308RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw308Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "441";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** Naam of nummer ter identificatie van een retourbericht. */
  IdentificatieRetour: string;
  /** Dagtekening van het retourbericht. */
  DagtekeningRetour: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSLT's die zijn ingezet voor de controle van het heenbericht. */
  XsltVersie?: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het retourbericht. */
  XsdVersieRetour: CDT_XsdVersie;
  RetourCodes?: Jw308RetourCodes;
}

export interface Jw308StopProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer?: number;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** De datum waarop de toegewezen product voor de eerste keer geleverd dient te worden (gelijk aan de Ingangsdatum van het toegewezen product in het Toewijzingbericht). */
  ToewijzingIngangsdatum?: string;
  /** Datum vanaf wanneer een ondersteuningsproduct wordt geleverd. */
  Begindatum: string;
  /** De reden van beeindiging van de Jeugdhulp bij de client. */
  RedenBeeindiging: LDT_RedenBeeindiging;
  /** De datum waarop de Jeugdhulp bij de client wordt beeindigd. */
  Einddatum: string;
  /** Indicatie over de status van de informatie in de berichtklasse. */
  StatusAanlevering: LDT_StatusAanlevering;
  RetourCodes: Jw308RetourCodes;
}

export interface Jw308StopProducten {
  StopProduct: Jw308StopProduct[];
}

export interface Jw308Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** De naam van een natuurlijk persoon, aangeduid als Geslachtsnaam en eventueel Voornamen en/of Voorletters. */
  Naam: CDT_VerkorteNaam;
  StopProducten: Jw308StopProducten;
  RetourCodes: Jw308RetourCodes;
}

export interface Jw308Root {
  Header: Jw308Header;
  Client?: Jw308Client;
}

export interface Jw315Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "446";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export type LDT_JaNee =
  /** Ja */
  | "1"
  /** Nee */
  | "2";

export type LDT_TypeVerwijzer =
  /** Gemeente */
  | "01"
  /** Huisarts */
  | "02"
  /** Jeugdarts */
  | "03"
  /** Gecertificeerde instelling */
  | "04"
  /** Medisch specialist */
  | "05"
  /** Zelfverwijzer/geen verwijzer */
  | "06"
  /** Rechter, Officier van Justitie, functionaris Justitiele jeugdinrichting */
  | "08";

export interface CDT_Verwijzer {
  /** Gecodeerde aanduiding van het type verwijzer. */
  Type: LDT_TypeVerwijzer;
  /** Naam van de verwijzende persoon of instantie. */
  Naam?: string;
  /** De AGBcode van de zorgverlener. */
  ZorgverlenerCode?: string;
}

export interface Jw315AangevraagdProduct {
  /** Naam of nummer die als referentie kan worden meegegeven. */
  ReferentieAanbieder: string;
  /** Identificerend nummer van de opdracht om ondersteuning te leveren zoals vastgesteld door de gemeente. Dit is niet noodzakelijkerwijs een officiele beschikking. */
  BeschikkingNummer?: number;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** Ingangsdatum van een afgegeven beschikking. */
  BeschikkingIngangsdatum?: string;
  /** De aangevraagde Ingangsdatum van het toe te wijzen Product. */
  ToewijzingIngangsdatum: string;
  /** De aangevraagde Einddatum van het toe te wijzen Product. */
  ToewijzingEinddatum?: string;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het aangevraagde budget */
  Budget?: number;
  /** Gegevens over de persoon of instantie die een client heeft doorverwezen naar ondersteuning, aangeduid als Type en Naam of ZorgverlenerCode. */
  Verwijzer: CDT_Verwijzer;
  /** Indicator of de aanbieder voor de te leveren ondersteuning beroep doet op een landelijk raamcontract. */
  Raamcontract?: LDT_JaNee;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
}

export interface Jw315AangevraagdeProducten {
  AangevraagdProduct: Jw315AangevraagdProduct[];
}

export interface Jw315Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** De achternaam van een natuurlijk persoon, aangeduid als Naam en Voorvoegsel. */
  Naam: CDT_VerkorteNaam;
  GezagsdragerBekend?: LDT_JaNee;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
  AangevraagdeProducten: Jw315AangevraagdeProducten;
}

export interface Jw315Root {
  Header: Jw315Header;
  Client: Jw315Client;
}

export interface Jw316RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw316Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "447";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** Naam of nummer ter identificatie van een retourbericht. */
  IdentificatieRetour: string;
  /** Dagtekening van het retourbericht. */
  DagtekeningRetour: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSLT's die zijn ingezet voor de controle van het heenbericht. */
  XsltVersie?: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het retourbericht. */
  XsdVersieRetour: CDT_XsdVersie;
  RetourCodes?: Jw316RetourCodes;
}

export interface Jw316AangevraagdProduct {
  /** Naam of nummer die als referentie kan worden meegegeven. */
  ReferentieAanbieder: string;
  /** Identificerend nummer van de opdracht om ondersteuning te leveren zoals vastgesteld door de gemeente. Dit is niet noodzakelijkerwijs een officiele beschikking. */
  BeschikkingNummer?: number;
  /** Gecodeerde omschrijving van een product, dienst of resultaat ten behoeve van het leveren van ondersteuning aan een client. */
  Product?: CDT_Product;
  /** Ingangsdatum van een afgegeven beschikking. */
  BeschikkingIngangsdatum?: string;
  /** De aangevraagde Ingangsdatum van het toe te wijzen Product. */
  ToewijzingIngangsdatum: string;
  /** De aangevraagde Einddatum van het toe te wijzen Product. */
  ToewijzingEinddatum?: string;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het aangevraagde budget */
  Budget?: number;
  /** Gegevens over de persoon of instantie die een client heeft doorverwezen naar ondersteuning, aangeduid als Type en Naam of ZorgverlenerCode. */
  Verwijzer: CDT_Verwijzer;
  /** Indicator of de aanbieder voor de te leveren ondersteuning beroep doet op een landelijk raamcontract. */
  Raamcontract?: LDT_JaNee;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
  RetourCodes: Jw316RetourCodes;
}

export interface Jw316AangevraagdeProducten {
  AangevraagdProduct: Jw316AangevraagdProduct[];
}

export interface Jw316Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  /** Datum waarop een natuurlijk persoon geboren is. */
  Geboortedatum: CDT_Geboortedatum;
  /** De sekse van een persoon, zoals bij geboorte formeel vastgesteld of nadien formeel gewijzigd. */
  Geslacht: LDT_Geslacht;
  /** De achternaam van een natuurlijk persoon, aangeduid als Naam en Voorvoegsel. */
  Naam: CDT_VerkorteNaam;
  GezagsdragerBekend?: LDT_JaNee;
  /** Vrije tekst (bijvoorbeeld toelichting) in een bericht. */
  Commentaar?: string;
  AangevraagdeProducten: Jw316AangevraagdeProducten;
  RetourCodes: Jw316RetourCodes;
}

export interface Jw316Root {
  Header: Jw316Header;
  Client?: Jw316Client;
}

export interface Jw317Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "486";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export type LDT_RedenVerzoek =
  /** Verandering clientsituatie */
  | "1"
  /** Wijziging zorgplan */
  | "2";

export interface Jw317OngewijzigdProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
}

export interface Jw317OngewijzigdeProducten {
  OngewijzigdProduct: Jw317OngewijzigdProduct[];
}

export interface Jw317TeWijzigenProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  /** De gewenste ingangsdatum van het te wijzigen product of budget. */
  GewensteIngangsdatum: string;
  /** De gewenste Einddatum van het toe te wijzen Product of Budget. */
  Einddatum?: string;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het toe te wijzen budget */
  Budget?: number;
}

export interface Jw317TeWijzigenProducten {
  TeWijzigenProduct: Jw317TeWijzigenProduct[];
}

export interface Jw317NieuwProduct {
  Product?: CDT_Product;
  /** De gewenste ingangsdatum van het nieuw toe te wijzen product of budget. */
  GewensteIngangsdatum: string;
  /** De gewenste Einddatum van het toe te wijzen Product of Budget. */
  Einddatum?: string;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het toe te wijzen budget */
  Budget?: number;
}

export interface Jw317NieuweProducten {
  NieuwProduct: Jw317NieuwProduct[];
}

export interface Jw317Verzoek {
  /** Naam of nummer die als referentie kan worden meegegeven. */
  ReferentieAanbieder: string;
  /** Reden waarom een verzoek wordt ingediend. */
  RedenVerzoek: LDT_RedenVerzoek;
  OngewijzigdeProducten?: Jw317OngewijzigdeProducten;
  TeWijzigenProducten?: Jw317TeWijzigenProducten;
  NieuweProducten?: Jw317NieuweProducten;
}

export interface Jw317Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  Verzoek: Jw317Verzoek;
}

export interface Jw317Root {
  Header: Jw317Header;
  Client: Jw317Client;
}

export interface Jw318RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw318Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "487";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** Naam of nummer ter identificatie van een retourbericht. */
  IdentificatieRetour: string;
  /** Dagtekening van het retourbericht. */
  DagtekeningRetour: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSLT's die zijn ingezet voor de controle van het heenbericht. */
  XsltVersie?: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het retourbericht. */
  XsdVersieRetour: CDT_XsdVersie;
  RetourCodes?: Jw318RetourCodes;
}

export interface Jw318OngewijzigdProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318OngewijzigdeProducten {
  OngewijzigdProduct: Jw318OngewijzigdProduct[];
}

export interface Jw318TeWijzigenProduct {
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  /** De gewenste ingangsdatum van het te wijzigen product of budget. */
  GewensteIngangsdatum: string;
  /** De gewenste Einddatum van het toe te wijzen Product of Budget. */
  Einddatum?: string;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het toe te wijzen budget */
  Budget?: number;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318TeWijzigenProducten {
  TeWijzigenProduct: Jw318TeWijzigenProduct[];
}

export interface Jw318NieuwProduct {
  Product?: CDT_Product;
  /** De gewenste ingangsdatum van het nieuw toe te wijzen product of budget. */
  GewensteIngangsdatum: string;
  /** De gewenste Einddatum van het toe te wijzen Product of Budget. */
  Einddatum?: string;
  /** Aanduiding van de omvang van de te leveren of geleverde ondersteuning, uitgedrukt in Volume, Eenheid en Frequentie. */
  Omvang?: CDT_Omvang;
  /** Aanduiding van het toe te wijzen budget */
  Budget?: number;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318NieuweProducten {
  NieuwProduct: Jw318NieuwProduct[];
}

export interface Jw318Verzoek {
  /** Naam of nummer die als referentie kan worden meegegeven. */
  ReferentieAanbieder: string;
  /** Reden waarom een verzoek wordt ingediend. */
  RedenVerzoek: LDT_RedenVerzoek;
  OngewijzigdeProducten?: Jw318OngewijzigdeProducten;
  TeWijzigenProducten?: Jw318TeWijzigenProducten;
  NieuweProducten?: Jw318NieuweProducten;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  Verzoek: Jw318Verzoek;
  RetourCodes: Jw318RetourCodes;
}

export interface Jw318Root {
  Header: Jw318Header;
  Client?: Jw318Client;
}

export interface Jw319Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "488";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Afzender: string;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export type LDT_VerzoekAntwoord =
  /** Verzoek afgewezen */
  | "1"
  /** Aanvraag in onderzoek */
  | "2";

export type LDT_RedenAfwijzingVerzoek =
  /** Geen wijziging, maar nieuwe aanvraag */
  | "1"
  /** Past niet binnen budget */
  | "2"
  /** Geen contract */
  | "3"
  /** Past niet binnen contract */
  | "4"
  /** Andere gemeente */
  | "5"
  /** Stapeling */
  | "6"
  /** Zorginhoudelijke afkeur */
  | "7"
  /** Woonplaatsbeginsel */
  | "8"
  /** Leeftijdsgrens is bereikt */
  | "9";

export interface Jw319Woonplaatsbeginsel {
  Gemeente: string;
}

export interface Jw319Antwoord {
  ReferentieAanbieder: string;
  /** Het antwoord op een verzoek. */
  VerzoekAntwoord: LDT_VerzoekAntwoord;
  /** De reden waarom een verzoek van een zorgaanbieder wordt afgewezen door de gemeente. */
  RedenAfwijzingVerzoek?: LDT_RedenAfwijzingVerzoek;
  Woonplaatsbeginsel?: Jw319Woonplaatsbeginsel;
}

export interface Jw319Root {
  Header: Jw319Header;
  Antwoord: Jw319Antwoord;
}

export interface Jw320RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw320Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "489";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Afzender: string;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** Naam of nummer ter identificatie van een retourbericht. */
  IdentificatieRetour: string;
  /** Dagtekening van het retourbericht. */
  DagtekeningRetour: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSLT's die zijn ingezet voor de controle van het heenbericht. */
  XsltVersie?: string;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het retourbericht. */
  XsdVersieRetour: CDT_XsdVersie;
  RetourCodes?: Jw320RetourCodes;
}

export interface Jw320Woonplaatsbeginsel {
  Gemeente: string;
  RetourCodes: Jw320RetourCodes;
}

export interface Jw320Antwoord {
  ReferentieAanbieder: string;
  /** Het antwoord op een verzoek. */
  VerzoekAntwoord: LDT_VerzoekAntwoord;
  /** De reden waarom een verzoek van een zorgaanbieder wordt afgewezen door de gemeente. */
  RedenAfwijzingVerzoek?: LDT_RedenAfwijzingVerzoek;
  Woonplaatsbeginsel?: Jw320Woonplaatsbeginsel;
  RetourCodes: Jw320RetourCodes;
}

export interface Jw320Root {
  Header: Jw320Header;
  Antwoord?: Jw320Antwoord;
}

export interface Jw323Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "490";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Afzender: string;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
}

export interface CDT_GeslotenPeriode {
  /** De begindatum van de periode. */
  Begindatum: string;
  /** De einddatum van de periode. */
  Einddatum: string;
}

export type LDT_DebetCredit =
  /** Creditbedrag en aantal */
  | "C"
  /** Debetbedrag en aantal */
  | "D";

export interface CDT_TotaalBedragMetDC {
  /** Het bedrag dat in zijn totaliteit gedeclareerd of gefactureerd, toegekend of berekend is. */
  TotaalBedrag: number;
  /** Indicatie of een bedrag/aantal debet of credit is. */
  DebetCredit: LDT_DebetCredit;
}

export interface CDT_Referentie {
  /** Uniek referentienummer dat de zorgverlener heeft toegekend aan een detailregel van de declaratie. */
  ReferentieNummer: string;
  /** Uniek referentienummer dat de zorgverlener heeft toegekend aan een voorgaande detailregel, gerelateerd aan deze detailregel. */
  VorigReferentieNummer?: string;
}

export interface CDT_BedragMetDC {
  Bedrag: number;
  DebetCredit: LDT_DebetCredit;
}

export interface Jw323Prestatie {
  /** Identificerende referentie van de declaratie van een zorg - of ondersteuningsprestatie. */
  ProductReferentie: CDT_Referentie;
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  /** Gecodeerde aanduiding van hoofdcategorieen van producten in het kader van de Jeugdwet (Jw) */
  ProductCategorie: LDT_ProductCategorie;
  /** Gecodeerde aanduiding van producten in het kader van de Jeugdwet (Jw) */
  ProductCode: string;
  /** Periode binnen de declaratieperiode waarop het product feitelijk is of wordt uitgevoerd. */
  ProductPeriode: CDT_GeslotenPeriode;
  /** Hoeveelheid verricht product in een prestatieperiode. */
  GeleverdVolume: number;
  /** De eenheid waarin de zorg/behandeling wordt uitgedrukt. */
  Eenheid: LDT_Eenheid;
  /** Tarief van een individueel product. */
  ProductTarief?: number;
  /** Het bedrag dat gedeclareerd wordt. */
  IngediendBedrag: CDT_BedragMetDC;
}

export interface Jw323Prestaties {
  Prestatie: Jw323Prestatie[];
}

export interface Jw323Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  Prestaties: Jw323Prestaties;
}

export interface Jw323Clienten {
  Client: Jw323Client[];
}

export interface Jw323Declaratie {
  /** Unieke identificatie van een declaratie */
  DeclaratieNummer: string;
  /** Eerste en laatste dag van een administratieve periode waarop de gegevensuitwisseling betrekking heeft. */
  DeclaratiePeriode: CDT_GeslotenPeriode;
  /** Datum van ondertekening van een declaratie door de declarant. */
  DeclaratieDagtekening: string;
  /** Het bedrag dat in zijn totaliteit gedeclareerd is. */
  TotaalIngediendBedrag: CDT_TotaalBedragMetDC;
  Clienten: Jw323Clienten;
}

export interface Jw323Root {
  Header: Jw323Header;
  Declaratie: Jw323Declaratie;
}

export interface Jw325RetourCodes {
  /** Gecodeerde aanduiding in een retourbericht van het resultaat van de beoordeling van een (deel van het) ontvangen bericht. */
  RetourCode: LDT_RetourCode[];
}

export interface Jw325Header {
  /** Code ter identificatie van een soort bericht. */
  BerichtCode: "491";
  /** Volgnummer van de formele uitgifte van een major release van een iStandaard. */
  BerichtVersie: 3;
  /** Volgnummer van de formele uitgifte van een minor release van een iStandaard. */
  BerichtSubversie: 2;
  /** Identificatie van een gemeente die betrokken is bij de uitvoering van zorg of ondersteuning. */
  Afzender: string;
  /** Identificerende code van een aanbieder van zorg of ondersteuning. */
  Ontvanger: string;
  /** Naam of nummer en dagtekening ter identificatie van een totale aanlevering. */
  BerichtIdentificatie: CDT_BerichtIdentificatie;
  /** Volgnummer van de formele uitgifte van een versie van de XSD's die zijn ingezet voor het opstellen van het heenbericht. */
  XsdVersie: CDT_XsdVersie;
  /** DeclaratieIdentificatie dient om het declaratie-antwoordbericht en het eerder verstuurde declaratiebericht aan elkaar te koppelen. */
  DeclaratieIdentificatie: CDT_BerichtIdentificatie;
  XsltVersie?: string;
  XsdVersieDeclaratie: CDT_XsdVersie;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Prestatie {
  /** Identificerende referentie van de declaratie van een zorg - of ondersteuningsprestatie. */
  ProductReferentie: CDT_Referentie;
  /** Identificerend nummer van de opdracht om een zorg - of ondersteuningsproduct te leveren, zoals vastgesteld door de gemeente. */
  ToewijzingNummer: number;
  /** Gecodeerde aanduiding van hoofdcategorieen van producten in het kader van de Wet maatschappelijke ondersteuning (Wmo). */
  ProductCategorie: LDT_ProductCategorie;
  /** Gecodeerde aanduiding van producten in het kader van de Wet maatschappelijke ondersteuning (Wmo). */
  ProductCode: string;
  /** Periode binnen de declaratie-/factuurperiode waarop het product feitelijk is of wordt uitgevoerd. */
  ProductPeriode: CDT_GeslotenPeriode;
  /** Hoeveelheid verricht product in een prestatieperiode. */
  GeleverdVolume: number;
  /** De eenheid waarin de zorg/behandeling wordt uitgedrukt. */
  Eenheid: LDT_Eenheid;
  /** Tarief van een individueel product. */
  ProductTarief?: number;
  /** Het bedrag dat gedeclareerd wordt. */
  IngediendBedrag: CDT_BedragMetDC;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Prestaties {
  Prestatie: Jw325Prestatie[];
}

export interface Jw325Client {
  /** Een door de overheid toegekend identificerend nummer in het kader van het vereenvoudigen van het contact tussen overheid en burgers en het verminderen van de administratieve lasten. */
  Bsn: string;
  Prestaties: Jw325Prestaties;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Clienten {
  Client: Jw325Client[];
}

export interface Jw325DeclaratieAntwoord {
  /** Unieke identificatie van een declaratie */
  DeclaratieNummer: string;
  /** Het bedrag dat in zijn totaliteit gedeclareerd is. */
  TotaalIngediendBedrag: CDT_TotaalBedragMetDC;
  /** Het bedrag dat in zijn totaliteit toegekend is. */
  TotaalToegekendBedrag: CDT_TotaalBedragMetDC;
  Clienten?: Jw325Clienten;
  RetourCodes: Jw325RetourCodes;
}

export interface Jw325Root {
  Header: Jw325Header;
  DeclaratieAntwoord?: Jw325DeclaratieAntwoord;
}

/** Every iJw 3.2 message type with the type of its Bericht element. */
export interface Berichten {
  JW301: Jw301Root;
  JW302: Jw302Root;
  JW305: Jw305Root;
  JW306: Jw306Root;
  JW307: Jw307Root;
  JW308: Jw308Root;
  JW315: Jw315Root;
  JW316: Jw316Root;
  JW317: Jw317Root;
  JW318: Jw318Root;
  JW319: Jw319Root;
  JW320: Jw320Root;
  JW323: Jw323Root;
  JW325: Jw325Root;
}
