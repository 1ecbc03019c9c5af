using SocBridge.Recode.Text;

namespace SocBridge.Recode.Industry;

/// <summary>A SIC2007 section or division: its code, its title, and the words the coding index's industry qualifiers use for it.</summary>
internal sealed record SicGroup(string Code, string Title, string IndexWords);

/// <summary>
/// Reads an employer's industry — a SIC2007 section letter ("C"), a division ("13", "C13") or free text
/// ("textile manufacture") — into the words the coding index's IND qualifiers use ("textile mfr",
/// "coal mine", "local government"). A code is replaced by the index's own words for that industry (the
/// commonest IND qualifiers, each assigned by hand to its section or division; the SIC2007 titles are kept
/// for reference: their wording, "Manufacture of textiles", matched the qualifiers less well); free text is
/// taken as it is. The words are added to a title's qualifiers, so the exact step can match an entry
/// such as "Operator [textile mfr]" and the scored step weighs them like the index's qualifiers.
/// </summary>
internal static class IndustryContext
{
    /// <summary>The SIC2007 sections and divisions with the index qualifier words for each.</summary>
    public static IReadOnlyList<SicGroup> Groups { get; } =
    [
        new("A", "Agriculture, forestry and fishing", "farming agriculture horticulture forestry fishing"),
        new("B", "Mining and quarrying", "mine mining quarry"),
        new("C", "Manufacturing", "manufacturing mfr"),
        new("D", "Electricity, gas, steam and air conditioning supply", "electricity supplier gas supplier"),
        new("E", "Water supply; sewerage, waste management and remediation activities", "water company sewage works refuse"),
        new("F", "Construction", "building construction"),
        new("G", "Wholesale and retail trade; repair of motor vehicles and motorcycles", "wholesale retail trade"),
        new("H", "Transportation and storage", "transport"),
        new("I", "Accommodation and food service activities", "hotel catering"),
        new("J", "Information and communication", "telecoms broadcasting publishing"),
        new("K", "Financial and insurance activities", "banking insurance financial services"),
        new("L", "Real estate activities", "estate agents property"),
        new("M", "Professional, scientific and technical activities", "professional scientific"),
        new("N", "Administrative and support service activities", "business services"),
        new("O", "Public administration and defence; compulsory social security", "government local government"),
        new("P", "Education", "educational establishments schools"),
        new("Q", "Human health and social work activities", "hospital service health authority social services"),
        new("R", "Arts, entertainment and recreation", "entertainment sports"),
        new("S", "Other service activities", "personal services"),
        new("T", "Activities of households as employers", "private household"),
        new("U", "Activities of extraterritorial organisations and bodies", "embassy"),
        new("01", "Crop and animal production, hunting and related service activities", "farming agriculture"),
        new("02", "Forestry and logging", "forestry"),
        new("03", "Fishing and aquaculture", "fishing fish farm"),
        new("05", "Mining of coal and lignite", "coal mine"),
        new("06", "Extraction of crude petroleum and natural gas", "oil gas extraction"),
        new("07", "Mining of metal ores", "mine: not coal"),
        new("08", "Other mining and quarrying", "mine: not coal quarry"),
        new("09", "Mining support service activities", "oil gas extraction mine"),
        new("10", "Manufacture of food products", "food products mfr bakery"),
        new("11", "Manufacture of beverages", "brewery distillery"),
        new("12", "Manufacture of tobacco products", "tobacco mfr"),
        new("13", "Manufacture of textiles", "textile mfr"),
        new("14", "Manufacture of wearing apparel", "clothing mfr"),
        new("15", "Manufacture of leather and related products", "leather dressing leather goods mfr footwear mfr tannery"),
        new("16", "Manufacture of wood and of products of wood and cork", "wood products mfr sawmill"),
        new("17", "Manufacture of paper and paper products", "paper mfr paper goods mfr"),
        new("18", "Printing and reproduction of recorded media", "printing"),
        new("19", "Manufacture of coke and refined petroleum products", "coke ovens oil refining"),
        new("20", "Manufacture of chemicals and chemical products", "chemical mfr"),
        new("21", "Manufacture of basic pharmaceutical products and pharmaceutical preparations", "pharmaceutical mfr"),
        new("22", "Manufacture of rubber and plastic products", "rubber goods mfr plastics goods mfr"),
        new("23", "Manufacture of other non-metallic mineral products", "ceramics mfr glass mfr cement mfr"),
        new("24", "Manufacture of basic metals", "steelworks metal mfr rolling mill foundry blast furnace"),
        new("25", "Manufacture of fabricated metal products, except machinery and equipment", "metal trades"),
        new("26", "Manufacture of computer, electronic and optical products", "electronic equipment mfr"),
        new("27", "Manufacture of electrical equipment", "electrical engineering"),
        new("28", "Manufacture of machinery and equipment", "engineering"),
        new("29", "Manufacture of motor vehicles, trailers and semi-trailers", "vehicle mfr"),
        new("30", "Manufacture of other transport equipment", "shipbuilding aircraft mfr"),
        new("31", "Manufacture of furniture", "furniture mfr"),
        new("32", "Other manufacturing", "manufacturing"),
        new("33", "Repair and installation of machinery and equipment", "engineering"),
        new("35", "Electricity, gas, steam and air conditioning supply", "electricity supplier gas supplier"),
        new("36", "Water collection, treatment and supply", "water company"),
        new("37", "Sewerage", "sewage works"),
        new("38", "Waste collection, treatment and disposal activities; materials recovery", "refuse disposal"),
        new("39", "Remediation activities and other waste management services", "refuse disposal"),
        new("41", "Construction of buildings", "building construction"),
        new("42", "Civil engineering", "civil engineering"),
        new("43", "Specialised construction activities", "building construction"),
        new("45", "Wholesale and retail trade and repair of motor vehicles and motorcycles", "garage motor trades"),
        new("46", "Wholesale trade", "wholesale trade"),
        new("47", "Retail trade", "retail trade"),
        new("49", "Land transport and transport via pipelines", "railways road transport"),
        new("50", "Water transport", "shipping"),
        new("51", "Air transport", "airline airport"),
        new("52", "Warehousing and support activities for transportation", "docks warehouse"),
        new("53", "Postal and courier activities", "PO postal services"),
        new("55", "Accommodation", "hotel"),
        new("56", "Food and beverage service activities", "catering restaurant public house"),
        new("58", "Publishing activities", "publishing"),
        new("59", "Motion picture, video and television programme production, sound recording and music publishing activities", "film television"),
        new("60", "Programming and broadcasting activities", "broadcasting"),
        new("61", "Telecommunications", "telecoms"),
        new("62", "Computer programming, consultancy and related activities", "computer services"),
        new("63", "Information service activities", "computer services"),
        new("64", "Financial service activities, except insurance and pension funding", "banking building society financial services"),
        new("65", "Insurance, reinsurance and pension funding", "insurance"),
        new("66", "Activities auxiliary to financial services and insurance activities", "financial services stock exchange"),
        new("68", "Real estate activities", "estate agents property"),
        new("69", "Legal and accounting activities", "legal services accountancy"),
        new("70", "Activities of head offices; management consultancy activities", "management consultancy"),
        new("71", "Architectural and engineering activities; technical testing and analysis", "engineering consultancy"),
        new("72", "Scientific research and development", "research"),
        new("73", "Advertising and market research", "advertising"),
        new("74", "Other professional, scientific and technical activities", "professional services"),
        new("75", "Veterinary activities", "veterinary"),
        new("77", "Rental and leasing activities", "hire"),
        new("78", "Employment activities", "employment agency"),
        new("79", "Travel agency, tour operator and other reservation service and related activities", "travel agency"),
        new("80", "Security and investigation activities", "security services"),
        new("81", "Services to buildings and landscape activities", "cleaning services"),
        new("82", "Office administrative, office support and other business support activities", "business services"),
        new("84", "Public administration and defence; compulsory social security", "government local government armed forces police service"),
        new("85", "Education", "educational establishments schools secondary school primary school higher education university"),
        new("86", "Human health activities", "hospital service health authority"),
        new("87", "Residential care activities", "care/residential home"),
        new("88", "Social work activities without accommodation", "local government: social services"),
        new("90", "Creative, arts and entertainment activities", "entertainment theatre"),
        new("91", "Libraries, archives, museums and other cultural activities", "library museum"),
        new("92", "Gambling and betting activities", "betting"),
        new("93", "Sports activities and amusement and recreation activities", "sports"),
        new("94", "Activities of membership organisations", "trade union religious organisation"),
        new("95", "Repair of computers and personal and household goods", "repair"),
        new("96", "Other personal service activities", "laundry, launderette, dry cleaning hairdressing"),
        new("97", "Activities of households as employers of domestic personnel", "private household"),
        new("98", "Undifferentiated goods- and services-producing activities of private households for own use", "private household"),
        new("99", "Activities of extraterritorial organisations and bodies", "embassy"),
    ];

    /// <summary>The section or division a code names, or null when <paramref name="industry"/> is not a SIC2007 code.</summary>
    public static SicGroup? Find(string? industry)
    {
        var code = (industry ?? "").Trim().ToUpperInvariant();
        if (code.StartsWith("SIC", StringComparison.Ordinal)) code = code[3..].Trim();
        if (code.Length == 3 && char.IsAsciiLetter(code[0]) && code[1..].All(char.IsAsciiDigit)) code = code[1..];
        if (code.Length == 1 && char.IsAsciiDigit(code[0])) code = "0" + code;
        // A class (4 or 5 digits, "13.10") is read as its division.
        if (code.Length > 2 && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) && code[2..].All(c => char.IsAsciiDigit(c) || c is '.' or '/')) code = code[..2];
        return Groups.FirstOrDefault(g => g.Code == code);
    }

    /// <summary>The qualifier words of an industry (empty when none is given).</summary>
    public static string[] Words(string? industry)
    {
        if (string.IsNullOrWhiteSpace(industry)) return [];
        if (Find(industry) is { } group)
            return [.. TitleNormaliser.ContentTokens(group.IndexWords).Distinct()];
        return [.. TitleNormaliser.ContentTokens(industry).Distinct()];
    }

    /// <summary>The title's words with the industry's words added to its qualifiers.</summary>
    public static TitleTerms AddTo(TitleTerms terms, string? industry)
    {
        var words = Words(industry);
        return words.Length == 0 ? terms : terms.WithQualifiers(words);
    }
}
