using System.Text.RegularExpressions;

namespace SocBridge.Recode.Text;

/// <summary>
/// Words job adverts add to a title that say nothing about the occupation: hours and contract terms,
/// seniority and training grades, places, pay and calls to apply. Removed before free-text coding.
/// </summary>
internal static partial class AdvertNoise
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // hours, contract and grade
        "part", "full", "time", "parttime", "fulltime", "temporary", "temp", "permanent", "perm", "fixed", "term", "ftc",
        "senior", "snr", "sr", "junior", "jnr", "jr", "trainee", "graduate", "experienced", "qualified", "entry", "level", "grade", "band",
        "weekend", "evening", "flexible", "hour",
        // calls to apply
        "urgent", "urgently", "required", "wanted", "needed", "vacancy", "vacancie", "job", "role", "position", "opportunity",
        "immediate", "start", "apply", "now", "hiring", "excellent", "great",
        // pay
        "salary", "per", "hourly", "annum", "k", "dbs", "bonus", "benefit", "competitive", "ote",
        // places
        "remote", "hybrid", "uk", "nationwide", "london", "manchester", "birmingham", "leeds", "glasgow",
        "edinburgh", "bristol", "cardiff", "belfast", "liverpool", "sheffield", "newcastle", "nottingham", "leicester",
        "coventry", "bradford", "southampton", "portsmouth", "plymouth", "oxford", "cambridge", "brighton", "aberdeen",
        "dundee", "swansea", "york", "derby", "norwich", "exeter", "luton", "northampton", "peterborough", "ipswich",
        "milton", "keynes", "kent", "surrey", "essex", "sussex", "yorkshire", "lancashire", "midlands", "cornwall", "devon",
        "scotland", "wales", "england", "hampshire", "berkshire", "cheshire", "merseyside", "slough",
        "watford", "croydon", "wolverhampton", "stoke", "sunderland", "middlesbrough", "preston", "blackpool", "bournemouth",
    };

    [GeneratedRegex(@"£\s*[\d,.]+\s*k?|\b\d+(\.\d+)?\s*(k|ph|p/h|pa|p\.a\.)\b|\b(m/f|f/m|x\d+)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PayAndCounts();

    [GeneratedRegex(@"\b(p/t|f/t|part[\s-]*time|full[\s-]*time|fixed[\s-]*term|temp[\s-]*to[\s-]*perm)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Hours();

    /// <summary>The text with pay figures and hours phrases blanked out.</summary>
    public static string StripPhrases(string text) => Hours().Replace(PayAndCounts().Replace(text, " "), " ");

    /// <summary>Whether a lower-case, plural-stemmed token (as <see cref="SocBridge.Core.Text.TitleText"/> makes them) is advert noise.</summary>
    public static bool IsNoise(string token) => Words.Contains(token);
}
