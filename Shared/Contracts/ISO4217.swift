// GENERATED FILE: do not edit by hand.
// Source: ISO 4217 list `iso4217_codes-all.csv` (shared/samples/reference), columns
// Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate.
// Rules: one entry per alphabetic code of the current list (rows with a WithdrawalDate are historic and skipped);
// only codes with a numeric minor-unit count are included. Skipped as "N.A." (no minor unit):
// XAG, XAU, XBA, XBB, XBC, XBD, XDR, XPD, XPT, XSU, XTS, XUA, XXX.
// Regenerate: copy the Python script from the comment at the end of this file to generate_iso4217.py, then
// python3 generate_iso4217.py iso4217_codes-all.csv Shared/Contracts/ISO4217.swift (it stops on conflicting rows).

extension Currency {
    /// UAE Dirham (2 minor digits).
    public static let AED = Currency(tableCode: "AED", numericCode: 784, minorUnits: 2, name: "UAE Dirham")
    /// Afghani (2 minor digits).
    public static let AFN = Currency(tableCode: "AFN", numericCode: 971, minorUnits: 2, name: "Afghani")
    /// Lek (2 minor digits).
    public static let ALL = Currency(tableCode: "ALL", numericCode: 8, minorUnits: 2, name: "Lek")
    /// Armenian Dram (2 minor digits).
    public static let AMD = Currency(tableCode: "AMD", numericCode: 51, minorUnits: 2, name: "Armenian Dram")
    /// Kwanza (2 minor digits).
    public static let AOA = Currency(tableCode: "AOA", numericCode: 973, minorUnits: 2, name: "Kwanza")
    /// Argentine Peso (2 minor digits).
    public static let ARS = Currency(tableCode: "ARS", numericCode: 32, minorUnits: 2, name: "Argentine Peso")
    /// Australian Dollar (2 minor digits).
    public static let AUD = Currency(tableCode: "AUD", numericCode: 36, minorUnits: 2, name: "Australian Dollar")
    /// Aruban Florin (2 minor digits).
    public static let AWG = Currency(tableCode: "AWG", numericCode: 533, minorUnits: 2, name: "Aruban Florin")
    /// Azerbaijan Manat (2 minor digits).
    public static let AZN = Currency(tableCode: "AZN", numericCode: 944, minorUnits: 2, name: "Azerbaijan Manat")
    /// Convertible Mark (2 minor digits).
    public static let BAM = Currency(tableCode: "BAM", numericCode: 977, minorUnits: 2, name: "Convertible Mark")
    /// Barbados Dollar (2 minor digits).
    public static let BBD = Currency(tableCode: "BBD", numericCode: 52, minorUnits: 2, name: "Barbados Dollar")
    /// Taka (2 minor digits).
    public static let BDT = Currency(tableCode: "BDT", numericCode: 50, minorUnits: 2, name: "Taka")
    /// Bahraini Dinar (3 minor digits).
    public static let BHD = Currency(tableCode: "BHD", numericCode: 48, minorUnits: 3, name: "Bahraini Dinar")
    /// Burundi Franc (0 minor digits).
    public static let BIF = Currency(tableCode: "BIF", numericCode: 108, minorUnits: 0, name: "Burundi Franc")
    /// Bermudian Dollar (2 minor digits).
    public static let BMD = Currency(tableCode: "BMD", numericCode: 60, minorUnits: 2, name: "Bermudian Dollar")
    /// Brunei Dollar (2 minor digits).
    public static let BND = Currency(tableCode: "BND", numericCode: 96, minorUnits: 2, name: "Brunei Dollar")
    /// Boliviano (2 minor digits).
    public static let BOB = Currency(tableCode: "BOB", numericCode: 68, minorUnits: 2, name: "Boliviano")
    /// Mvdol (2 minor digits).
    public static let BOV = Currency(tableCode: "BOV", numericCode: 984, minorUnits: 2, name: "Mvdol")
    /// Brazilian Real (2 minor digits).
    public static let BRL = Currency(tableCode: "BRL", numericCode: 986, minorUnits: 2, name: "Brazilian Real")
    /// Bahamian Dollar (2 minor digits).
    public static let BSD = Currency(tableCode: "BSD", numericCode: 44, minorUnits: 2, name: "Bahamian Dollar")
    /// Ngultrum (2 minor digits).
    public static let BTN = Currency(tableCode: "BTN", numericCode: 64, minorUnits: 2, name: "Ngultrum")
    /// Pula (2 minor digits).
    public static let BWP = Currency(tableCode: "BWP", numericCode: 72, minorUnits: 2, name: "Pula")
    /// Belarusian Ruble (2 minor digits).
    public static let BYN = Currency(tableCode: "BYN", numericCode: 933, minorUnits: 2, name: "Belarusian Ruble")
    /// Belize Dollar (2 minor digits).
    public static let BZD = Currency(tableCode: "BZD", numericCode: 84, minorUnits: 2, name: "Belize Dollar")
    /// Canadian Dollar (2 minor digits).
    public static let CAD = Currency(tableCode: "CAD", numericCode: 124, minorUnits: 2, name: "Canadian Dollar")
    /// Congolese Franc (2 minor digits).
    public static let CDF = Currency(tableCode: "CDF", numericCode: 976, minorUnits: 2, name: "Congolese Franc")
    /// WIR Euro (2 minor digits).
    public static let CHE = Currency(tableCode: "CHE", numericCode: 947, minorUnits: 2, name: "WIR Euro")
    /// Swiss Franc (2 minor digits).
    public static let CHF = Currency(tableCode: "CHF", numericCode: 756, minorUnits: 2, name: "Swiss Franc")
    /// WIR Franc (2 minor digits).
    public static let CHW = Currency(tableCode: "CHW", numericCode: 948, minorUnits: 2, name: "WIR Franc")
    /// Unidad de Fomento (4 minor digits).
    public static let CLF = Currency(tableCode: "CLF", numericCode: 990, minorUnits: 4, name: "Unidad de Fomento")
    /// Chilean Peso (0 minor digits).
    public static let CLP = Currency(tableCode: "CLP", numericCode: 152, minorUnits: 0, name: "Chilean Peso")
    /// Yuan Renminbi (2 minor digits).
    public static let CNY = Currency(tableCode: "CNY", numericCode: 156, minorUnits: 2, name: "Yuan Renminbi")
    /// Colombian Peso (2 minor digits).
    public static let COP = Currency(tableCode: "COP", numericCode: 170, minorUnits: 2, name: "Colombian Peso")
    /// Unidad de Valor Real (2 minor digits).
    public static let COU = Currency(tableCode: "COU", numericCode: 970, minorUnits: 2, name: "Unidad de Valor Real")
    /// Costa Rican Colon (2 minor digits).
    public static let CRC = Currency(tableCode: "CRC", numericCode: 188, minorUnits: 2, name: "Costa Rican Colon")
    /// Cuban Peso (2 minor digits).
    public static let CUP = Currency(tableCode: "CUP", numericCode: 192, minorUnits: 2, name: "Cuban Peso")
    /// Cabo Verde Escudo (2 minor digits).
    public static let CVE = Currency(tableCode: "CVE", numericCode: 132, minorUnits: 2, name: "Cabo Verde Escudo")
    /// Czech Koruna (2 minor digits).
    public static let CZK = Currency(tableCode: "CZK", numericCode: 203, minorUnits: 2, name: "Czech Koruna")
    /// Djibouti Franc (0 minor digits).
    public static let DJF = Currency(tableCode: "DJF", numericCode: 262, minorUnits: 0, name: "Djibouti Franc")
    /// Danish Krone (2 minor digits).
    public static let DKK = Currency(tableCode: "DKK", numericCode: 208, minorUnits: 2, name: "Danish Krone")
    /// Dominican Peso (2 minor digits).
    public static let DOP = Currency(tableCode: "DOP", numericCode: 214, minorUnits: 2, name: "Dominican Peso")
    /// Algerian Dinar (2 minor digits).
    public static let DZD = Currency(tableCode: "DZD", numericCode: 12, minorUnits: 2, name: "Algerian Dinar")
    /// Egyptian Pound (2 minor digits).
    public static let EGP = Currency(tableCode: "EGP", numericCode: 818, minorUnits: 2, name: "Egyptian Pound")
    /// Nakfa (2 minor digits).
    public static let ERN = Currency(tableCode: "ERN", numericCode: 232, minorUnits: 2, name: "Nakfa")
    /// Ethiopian Birr (2 minor digits).
    public static let ETB = Currency(tableCode: "ETB", numericCode: 230, minorUnits: 2, name: "Ethiopian Birr")
    /// Euro (2 minor digits).
    public static let EUR = Currency(tableCode: "EUR", numericCode: 978, minorUnits: 2, name: "Euro")
    /// Fiji Dollar (2 minor digits).
    public static let FJD = Currency(tableCode: "FJD", numericCode: 242, minorUnits: 2, name: "Fiji Dollar")
    /// Falkland Islands Pound (2 minor digits).
    public static let FKP = Currency(tableCode: "FKP", numericCode: 238, minorUnits: 2, name: "Falkland Islands Pound")
    /// Pound Sterling (2 minor digits).
    public static let GBP = Currency(tableCode: "GBP", numericCode: 826, minorUnits: 2, name: "Pound Sterling")
    /// Lari (2 minor digits).
    public static let GEL = Currency(tableCode: "GEL", numericCode: 981, minorUnits: 2, name: "Lari")
    /// Ghana Cedi (2 minor digits).
    public static let GHS = Currency(tableCode: "GHS", numericCode: 936, minorUnits: 2, name: "Ghana Cedi")
    /// Gibraltar Pound (2 minor digits).
    public static let GIP = Currency(tableCode: "GIP", numericCode: 292, minorUnits: 2, name: "Gibraltar Pound")
    /// Dalasi (2 minor digits).
    public static let GMD = Currency(tableCode: "GMD", numericCode: 270, minorUnits: 2, name: "Dalasi")
    /// Guinean Franc (0 minor digits).
    public static let GNF = Currency(tableCode: "GNF", numericCode: 324, minorUnits: 0, name: "Guinean Franc")
    /// Quetzal (2 minor digits).
    public static let GTQ = Currency(tableCode: "GTQ", numericCode: 320, minorUnits: 2, name: "Quetzal")
    /// Guyana Dollar (2 minor digits).
    public static let GYD = Currency(tableCode: "GYD", numericCode: 328, minorUnits: 2, name: "Guyana Dollar")
    /// Hong Kong Dollar (2 minor digits).
    public static let HKD = Currency(tableCode: "HKD", numericCode: 344, minorUnits: 2, name: "Hong Kong Dollar")
    /// Lempira (2 minor digits).
    public static let HNL = Currency(tableCode: "HNL", numericCode: 340, minorUnits: 2, name: "Lempira")
    /// Gourde (2 minor digits).
    public static let HTG = Currency(tableCode: "HTG", numericCode: 332, minorUnits: 2, name: "Gourde")
    /// Forint (2 minor digits).
    public static let HUF = Currency(tableCode: "HUF", numericCode: 348, minorUnits: 2, name: "Forint")
    /// Rupiah (2 minor digits).
    public static let IDR = Currency(tableCode: "IDR", numericCode: 360, minorUnits: 2, name: "Rupiah")
    /// New Israeli Sheqel (2 minor digits).
    public static let ILS = Currency(tableCode: "ILS", numericCode: 376, minorUnits: 2, name: "New Israeli Sheqel")
    /// Indian Rupee (2 minor digits).
    public static let INR = Currency(tableCode: "INR", numericCode: 356, minorUnits: 2, name: "Indian Rupee")
    /// Iraqi Dinar (3 minor digits).
    public static let IQD = Currency(tableCode: "IQD", numericCode: 368, minorUnits: 3, name: "Iraqi Dinar")
    /// Iranian Rial (2 minor digits).
    public static let IRR = Currency(tableCode: "IRR", numericCode: 364, minorUnits: 2, name: "Iranian Rial")
    /// Iceland Krona (0 minor digits).
    public static let ISK = Currency(tableCode: "ISK", numericCode: 352, minorUnits: 0, name: "Iceland Krona")
    /// Jamaican Dollar (2 minor digits).
    public static let JMD = Currency(tableCode: "JMD", numericCode: 388, minorUnits: 2, name: "Jamaican Dollar")
    /// Jordanian Dinar (3 minor digits).
    public static let JOD = Currency(tableCode: "JOD", numericCode: 400, minorUnits: 3, name: "Jordanian Dinar")
    /// Yen (0 minor digits).
    public static let JPY = Currency(tableCode: "JPY", numericCode: 392, minorUnits: 0, name: "Yen")
    /// Kenyan Shilling (2 minor digits).
    public static let KES = Currency(tableCode: "KES", numericCode: 404, minorUnits: 2, name: "Kenyan Shilling")
    /// Som (2 minor digits).
    public static let KGS = Currency(tableCode: "KGS", numericCode: 417, minorUnits: 2, name: "Som")
    /// Riel (2 minor digits).
    public static let KHR = Currency(tableCode: "KHR", numericCode: 116, minorUnits: 2, name: "Riel")
    /// Comorian Franc (0 minor digits).
    public static let KMF = Currency(tableCode: "KMF", numericCode: 174, minorUnits: 0, name: "Comorian Franc")
    /// North Korean Won (2 minor digits).
    public static let KPW = Currency(tableCode: "KPW", numericCode: 408, minorUnits: 2, name: "North Korean Won")
    /// Won (0 minor digits).
    public static let KRW = Currency(tableCode: "KRW", numericCode: 410, minorUnits: 0, name: "Won")
    /// Kuwaiti Dinar (3 minor digits).
    public static let KWD = Currency(tableCode: "KWD", numericCode: 414, minorUnits: 3, name: "Kuwaiti Dinar")
    /// Cayman Islands Dollar (2 minor digits).
    public static let KYD = Currency(tableCode: "KYD", numericCode: 136, minorUnits: 2, name: "Cayman Islands Dollar")
    /// Tenge (2 minor digits).
    public static let KZT = Currency(tableCode: "KZT", numericCode: 398, minorUnits: 2, name: "Tenge")
    /// Lao Kip (2 minor digits).
    public static let LAK = Currency(tableCode: "LAK", numericCode: 418, minorUnits: 2, name: "Lao Kip")
    /// Lebanese Pound (2 minor digits).
    public static let LBP = Currency(tableCode: "LBP", numericCode: 422, minorUnits: 2, name: "Lebanese Pound")
    /// Sri Lanka Rupee (2 minor digits).
    public static let LKR = Currency(tableCode: "LKR", numericCode: 144, minorUnits: 2, name: "Sri Lanka Rupee")
    /// Liberian Dollar (2 minor digits).
    public static let LRD = Currency(tableCode: "LRD", numericCode: 430, minorUnits: 2, name: "Liberian Dollar")
    /// Loti (2 minor digits).
    public static let LSL = Currency(tableCode: "LSL", numericCode: 426, minorUnits: 2, name: "Loti")
    /// Libyan Dinar (3 minor digits).
    public static let LYD = Currency(tableCode: "LYD", numericCode: 434, minorUnits: 3, name: "Libyan Dinar")
    /// Moroccan Dirham (2 minor digits).
    public static let MAD = Currency(tableCode: "MAD", numericCode: 504, minorUnits: 2, name: "Moroccan Dirham")
    /// Moldovan Leu (2 minor digits).
    public static let MDL = Currency(tableCode: "MDL", numericCode: 498, minorUnits: 2, name: "Moldovan Leu")
    /// Malagasy Ariary (2 minor digits).
    public static let MGA = Currency(tableCode: "MGA", numericCode: 969, minorUnits: 2, name: "Malagasy Ariary")
    /// Denar (2 minor digits).
    public static let MKD = Currency(tableCode: "MKD", numericCode: 807, minorUnits: 2, name: "Denar")
    /// Kyat (2 minor digits).
    public static let MMK = Currency(tableCode: "MMK", numericCode: 104, minorUnits: 2, name: "Kyat")
    /// Tugrik (2 minor digits).
    public static let MNT = Currency(tableCode: "MNT", numericCode: 496, minorUnits: 2, name: "Tugrik")
    /// Pataca (2 minor digits).
    public static let MOP = Currency(tableCode: "MOP", numericCode: 446, minorUnits: 2, name: "Pataca")
    /// Ouguiya (2 minor digits).
    public static let MRU = Currency(tableCode: "MRU", numericCode: 929, minorUnits: 2, name: "Ouguiya")
    /// Mauritius Rupee (2 minor digits).
    public static let MUR = Currency(tableCode: "MUR", numericCode: 480, minorUnits: 2, name: "Mauritius Rupee")
    /// Rufiyaa (2 minor digits).
    public static let MVR = Currency(tableCode: "MVR", numericCode: 462, minorUnits: 2, name: "Rufiyaa")
    /// Malawi Kwacha (2 minor digits).
    public static let MWK = Currency(tableCode: "MWK", numericCode: 454, minorUnits: 2, name: "Malawi Kwacha")
    /// Mexican Peso (2 minor digits).
    public static let MXN = Currency(tableCode: "MXN", numericCode: 484, minorUnits: 2, name: "Mexican Peso")
    /// Mexican Unidad de Inversion (UDI) (2 minor digits).
    public static let MXV = Currency(tableCode: "MXV", numericCode: 979, minorUnits: 2, name: "Mexican Unidad de Inversion (UDI)")
    /// Malaysian Ringgit (2 minor digits).
    public static let MYR = Currency(tableCode: "MYR", numericCode: 458, minorUnits: 2, name: "Malaysian Ringgit")
    /// Mozambique Metical (2 minor digits).
    public static let MZN = Currency(tableCode: "MZN", numericCode: 943, minorUnits: 2, name: "Mozambique Metical")
    /// Namibia Dollar (2 minor digits).
    public static let NAD = Currency(tableCode: "NAD", numericCode: 516, minorUnits: 2, name: "Namibia Dollar")
    /// Naira (2 minor digits).
    public static let NGN = Currency(tableCode: "NGN", numericCode: 566, minorUnits: 2, name: "Naira")
    /// Cordoba Oro (2 minor digits).
    public static let NIO = Currency(tableCode: "NIO", numericCode: 558, minorUnits: 2, name: "Cordoba Oro")
    /// Norwegian Krone (2 minor digits).
    public static let NOK = Currency(tableCode: "NOK", numericCode: 578, minorUnits: 2, name: "Norwegian Krone")
    /// Nepalese Rupee (2 minor digits).
    public static let NPR = Currency(tableCode: "NPR", numericCode: 524, minorUnits: 2, name: "Nepalese Rupee")
    /// New Zealand Dollar (2 minor digits).
    public static let NZD = Currency(tableCode: "NZD", numericCode: 554, minorUnits: 2, name: "New Zealand Dollar")
    /// Rial Omani (3 minor digits).
    public static let OMR = Currency(tableCode: "OMR", numericCode: 512, minorUnits: 3, name: "Rial Omani")
    /// Balboa (2 minor digits).
    public static let PAB = Currency(tableCode: "PAB", numericCode: 590, minorUnits: 2, name: "Balboa")
    /// Sol (2 minor digits).
    public static let PEN = Currency(tableCode: "PEN", numericCode: 604, minorUnits: 2, name: "Sol")
    /// Kina (2 minor digits).
    public static let PGK = Currency(tableCode: "PGK", numericCode: 598, minorUnits: 2, name: "Kina")
    /// Philippine Peso (2 minor digits).
    public static let PHP = Currency(tableCode: "PHP", numericCode: 608, minorUnits: 2, name: "Philippine Peso")
    /// Pakistan Rupee (2 minor digits).
    public static let PKR = Currency(tableCode: "PKR", numericCode: 586, minorUnits: 2, name: "Pakistan Rupee")
    /// Zloty (2 minor digits).
    public static let PLN = Currency(tableCode: "PLN", numericCode: 985, minorUnits: 2, name: "Zloty")
    /// Guarani (0 minor digits).
    public static let PYG = Currency(tableCode: "PYG", numericCode: 600, minorUnits: 0, name: "Guarani")
    /// Qatari Rial (2 minor digits).
    public static let QAR = Currency(tableCode: "QAR", numericCode: 634, minorUnits: 2, name: "Qatari Rial")
    /// Romanian Leu (2 minor digits).
    public static let RON = Currency(tableCode: "RON", numericCode: 946, minorUnits: 2, name: "Romanian Leu")
    /// Serbian Dinar (2 minor digits).
    public static let RSD = Currency(tableCode: "RSD", numericCode: 941, minorUnits: 2, name: "Serbian Dinar")
    /// Russian Ruble (2 minor digits).
    public static let RUB = Currency(tableCode: "RUB", numericCode: 643, minorUnits: 2, name: "Russian Ruble")
    /// Rwanda Franc (0 minor digits).
    public static let RWF = Currency(tableCode: "RWF", numericCode: 646, minorUnits: 0, name: "Rwanda Franc")
    /// Saudi Riyal (2 minor digits).
    public static let SAR = Currency(tableCode: "SAR", numericCode: 682, minorUnits: 2, name: "Saudi Riyal")
    /// Solomon Islands Dollar (2 minor digits).
    public static let SBD = Currency(tableCode: "SBD", numericCode: 90, minorUnits: 2, name: "Solomon Islands Dollar")
    /// Seychelles Rupee (2 minor digits).
    public static let SCR = Currency(tableCode: "SCR", numericCode: 690, minorUnits: 2, name: "Seychelles Rupee")
    /// Sudanese Pound (2 minor digits).
    public static let SDG = Currency(tableCode: "SDG", numericCode: 938, minorUnits: 2, name: "Sudanese Pound")
    /// Swedish Krona (2 minor digits).
    public static let SEK = Currency(tableCode: "SEK", numericCode: 752, minorUnits: 2, name: "Swedish Krona")
    /// Singapore Dollar (2 minor digits).
    public static let SGD = Currency(tableCode: "SGD", numericCode: 702, minorUnits: 2, name: "Singapore Dollar")
    /// Saint Helena Pound (2 minor digits).
    public static let SHP = Currency(tableCode: "SHP", numericCode: 654, minorUnits: 2, name: "Saint Helena Pound")
    /// Leone (2 minor digits).
    public static let SLE = Currency(tableCode: "SLE", numericCode: 925, minorUnits: 2, name: "Leone")
    /// Somali Shilling (2 minor digits).
    public static let SOS = Currency(tableCode: "SOS", numericCode: 706, minorUnits: 2, name: "Somali Shilling")
    /// Surinam Dollar (2 minor digits).
    public static let SRD = Currency(tableCode: "SRD", numericCode: 968, minorUnits: 2, name: "Surinam Dollar")
    /// South Sudanese Pound (2 minor digits).
    public static let SSP = Currency(tableCode: "SSP", numericCode: 728, minorUnits: 2, name: "South Sudanese Pound")
    /// Dobra (2 minor digits).
    public static let STN = Currency(tableCode: "STN", numericCode: 930, minorUnits: 2, name: "Dobra")
    /// El Salvador Colon (2 minor digits).
    public static let SVC = Currency(tableCode: "SVC", numericCode: 222, minorUnits: 2, name: "El Salvador Colon")
    /// Syrian Pound (2 minor digits).
    public static let SYP = Currency(tableCode: "SYP", numericCode: 760, minorUnits: 2, name: "Syrian Pound")
    /// Lilangeni (2 minor digits).
    public static let SZL = Currency(tableCode: "SZL", numericCode: 748, minorUnits: 2, name: "Lilangeni")
    /// Baht (2 minor digits).
    public static let THB = Currency(tableCode: "THB", numericCode: 764, minorUnits: 2, name: "Baht")
    /// Somoni (2 minor digits).
    public static let TJS = Currency(tableCode: "TJS", numericCode: 972, minorUnits: 2, name: "Somoni")
    /// Turkmenistan New Manat (2 minor digits).
    public static let TMT = Currency(tableCode: "TMT", numericCode: 934, minorUnits: 2, name: "Turkmenistan New Manat")
    /// Tunisian Dinar (3 minor digits).
    public static let TND = Currency(tableCode: "TND", numericCode: 788, minorUnits: 3, name: "Tunisian Dinar")
    /// Pa’anga (2 minor digits).
    public static let TOP = Currency(tableCode: "TOP", numericCode: 776, minorUnits: 2, name: "Pa’anga")
    /// Turkish Lira (2 minor digits).
    public static let TRY = Currency(tableCode: "TRY", numericCode: 949, minorUnits: 2, name: "Turkish Lira")
    /// Trinidad and Tobago Dollar (2 minor digits).
    public static let TTD = Currency(tableCode: "TTD", numericCode: 780, minorUnits: 2, name: "Trinidad and Tobago Dollar")
    /// New Taiwan Dollar (2 minor digits).
    public static let TWD = Currency(tableCode: "TWD", numericCode: 901, minorUnits: 2, name: "New Taiwan Dollar")
    /// Tanzanian Shilling (2 minor digits).
    public static let TZS = Currency(tableCode: "TZS", numericCode: 834, minorUnits: 2, name: "Tanzanian Shilling")
    /// Hryvnia (2 minor digits).
    public static let UAH = Currency(tableCode: "UAH", numericCode: 980, minorUnits: 2, name: "Hryvnia")
    /// Uganda Shilling (0 minor digits).
    public static let UGX = Currency(tableCode: "UGX", numericCode: 800, minorUnits: 0, name: "Uganda Shilling")
    /// US Dollar (2 minor digits).
    public static let USD = Currency(tableCode: "USD", numericCode: 840, minorUnits: 2, name: "US Dollar")
    /// US Dollar (Next day) (2 minor digits).
    public static let USN = Currency(tableCode: "USN", numericCode: 997, minorUnits: 2, name: "US Dollar (Next day)")
    /// Uruguay Peso en Unidades Indexadas (UI) (0 minor digits).
    public static let UYI = Currency(tableCode: "UYI", numericCode: 940, minorUnits: 0, name: "Uruguay Peso en Unidades Indexadas (UI)")
    /// Peso Uruguayo (2 minor digits).
    public static let UYU = Currency(tableCode: "UYU", numericCode: 858, minorUnits: 2, name: "Peso Uruguayo")
    /// Unidad Previsional (4 minor digits).
    public static let UYW = Currency(tableCode: "UYW", numericCode: 927, minorUnits: 4, name: "Unidad Previsional")
    /// Uzbekistan Sum (2 minor digits).
    public static let UZS = Currency(tableCode: "UZS", numericCode: 860, minorUnits: 2, name: "Uzbekistan Sum")
    /// Bolívar Soberano (2 minor digits).
    public static let VED = Currency(tableCode: "VED", numericCode: 926, minorUnits: 2, name: "Bolívar Soberano")
    /// Bolívar Soberano (2 minor digits).
    public static let VES = Currency(tableCode: "VES", numericCode: 928, minorUnits: 2, name: "Bolívar Soberano")
    /// Dong (0 minor digits).
    public static let VND = Currency(tableCode: "VND", numericCode: 704, minorUnits: 0, name: "Dong")
    /// Vatu (0 minor digits).
    public static let VUV = Currency(tableCode: "VUV", numericCode: 548, minorUnits: 0, name: "Vatu")
    /// Tala (2 minor digits).
    public static let WST = Currency(tableCode: "WST", numericCode: 882, minorUnits: 2, name: "Tala")
    /// Arab Accounting Dinar (2 minor digits).
    public static let XAD = Currency(tableCode: "XAD", numericCode: 396, minorUnits: 2, name: "Arab Accounting Dinar")
    /// CFA Franc BEAC (0 minor digits).
    public static let XAF = Currency(tableCode: "XAF", numericCode: 950, minorUnits: 0, name: "CFA Franc BEAC")
    /// East Caribbean Dollar (2 minor digits).
    public static let XCD = Currency(tableCode: "XCD", numericCode: 951, minorUnits: 2, name: "East Caribbean Dollar")
    /// Caribbean Guilder (2 minor digits).
    public static let XCG = Currency(tableCode: "XCG", numericCode: 532, minorUnits: 2, name: "Caribbean Guilder")
    /// CFA Franc BCEAO (0 minor digits).
    public static let XOF = Currency(tableCode: "XOF", numericCode: 952, minorUnits: 0, name: "CFA Franc BCEAO")
    /// CFP Franc (0 minor digits).
    public static let XPF = Currency(tableCode: "XPF", numericCode: 953, minorUnits: 0, name: "CFP Franc")
    /// Yemeni Rial (2 minor digits).
    public static let YER = Currency(tableCode: "YER", numericCode: 886, minorUnits: 2, name: "Yemeni Rial")
    /// Rand (2 minor digits).
    public static let ZAR = Currency(tableCode: "ZAR", numericCode: 710, minorUnits: 2, name: "Rand")
    /// Zambian Kwacha (2 minor digits).
    public static let ZMW = Currency(tableCode: "ZMW", numericCode: 967, minorUnits: 2, name: "Zambian Kwacha")
    /// Zimbabwe Gold (2 minor digits).
    public static let ZWG = Currency(tableCode: "ZWG", numericCode: 924, minorUnits: 2, name: "Zimbabwe Gold")

    /// Every currency of the table (165 codes), sorted by code.
    public static let allCurrencies: [Currency] = [
        AED, AFN, ALL, AMD, AOA, ARS, AUD, AWG, AZN, BAM, BBD, BDT,
        BHD, BIF, BMD, BND, BOB, BOV, BRL, BSD, BTN, BWP, BYN, BZD,
        CAD, CDF, CHE, CHF, CHW, CLF, CLP, CNY, COP, COU, CRC, CUP,
        CVE, CZK, DJF, DKK, DOP, DZD, EGP, ERN, ETB, EUR, FJD, FKP,
        GBP, GEL, GHS, GIP, GMD, GNF, GTQ, GYD, HKD, HNL, HTG, HUF,
        IDR, ILS, INR, IQD, IRR, ISK, JMD, JOD, JPY, KES, KGS, KHR,
        KMF, KPW, KRW, KWD, KYD, KZT, LAK, LBP, LKR, LRD, LSL, LYD,
        MAD, MDL, MGA, MKD, MMK, MNT, MOP, MRU, MUR, MVR, MWK, MXN,
        MXV, MYR, MZN, NAD, NGN, NIO, NOK, NPR, NZD, OMR, PAB, PEN,
        PGK, PHP, PKR, PLN, PYG, QAR, RON, RSD, RUB, RWF, SAR, SBD,
        SCR, SDG, SEK, SGD, SHP, SLE, SOS, SRD, SSP, STN, SVC, SYP,
        SZL, THB, TJS, TMT, TND, TOP, TRY, TTD, TWD, TZS, UAH, UGX,
        USD, USN, UYI, UYU, UYW, UZS, VED, VES, VND, VUV, WST, XAD,
        XAF, XCD, XCG, XOF, XPF, YER, ZAR, ZMW, ZWG,
    ]
}

/* generate_iso4217.py
#!/usr/bin/env python3
"""Generates Shared/Contracts/ISO4217.swift from the ISO 4217 list (CSV: Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate)."""
import csv, re, sys

source, target = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(source, encoding="utf-8")))
table, skipped_na = {}, set()
for row in rows:
    code = row["AlphabeticCode"].strip()
    minor = row["MinorUnit"].strip()
    if not code or row["WithdrawalDate"].strip():
        continue                       # no currency, or withdrawn (historic rows carry no minor unit)
    if not minor.isdigit():
        skipped_na.add(code)           # "N.A." ('-'): funds, precious metals, testing/no-currency codes
        continue
    name = re.sub(r"\s+", " ", row["Currency"].replace("\xa0", " ")).strip()
    entry = (int(row["NumericCode"]), int(minor), name)
    if code in table and table[code] != entry:
        sys.exit(f"conflicting rows for {code}: {table[code]} vs {entry}")
    table[code] = entry

lines = [
    "// GENERATED FILE: do not edit by hand.",
    "// Source: ISO 4217 list `iso4217_codes-all.csv` (shared/samples/reference), columns",
    "// Entity,Currency,AlphabeticCode,NumericCode,MinorUnit,WithdrawalDate.",
    "// Rules: one entry per alphabetic code of the current list (rows with a WithdrawalDate are historic and skipped);",
    "// only codes with a numeric minor-unit count are included. Skipped as \"N.A.\" (no minor unit):",
    "// " + ", ".join(sorted(skipped_na)) + ".",
    "// Regenerate: copy the Python script from the comment at the end of this file to generate_iso4217.py, then",
    "// python3 generate_iso4217.py iso4217_codes-all.csv Shared/Contracts/ISO4217.swift (it stops on conflicting rows).",
    "",
    "extension Currency {",
]
for code in sorted(table):
    numeric, minor, name = table[code]
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    lines.append(f"    /// {name} ({minor} minor digit{'s' if minor != 1 else ''}).")
    lines.append(f"    public static let {code} = Currency(tableCode: \"{code}\", numericCode: {numeric}, minorUnits: {minor}, name: \"{escaped}\")")
lines += [
    "",
    f"    /// Every currency of the table ({len(table)} codes), sorted by code.",
    "    public static let allCurrencies: [Currency] = [",
]
codes = sorted(table)
for i in range(0, len(codes), 12):
    lines.append("        " + ", ".join(codes[i:i + 12]) + ",")
lines += ["    ]", "}", "", "/* generate_iso4217.py", open(__file__, encoding="utf-8").read().rstrip(), "*/", ""]
open(target, "w", encoding="utf-8").write("\n".join(lines))
print(f"{len(table)} currencies written; skipped N.A.: {sorted(skipped_na)}")
*/
