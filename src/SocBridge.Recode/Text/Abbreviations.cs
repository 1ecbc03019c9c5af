namespace SocBridge.Recode.Text;

/// <summary>
/// Short forms common in job titles and adverts, each mapped to the word or words the coding index uses.
/// Applied to whole tokens after lower-casing, so "Asst. Mgr" reads as "assistant manager".
/// </summary>
internal static class Abbreviations
{
    private static readonly Dictionary<string, string[]> Map = Build(
        ("asst", "assistant"), ("asstt", "assistant"),
        ("mgr", "manager"), ("mngr", "manager"), ("mgmt", "management"), ("mngt", "management"),
        ("eng", "engineer"), ("engr", "engineer"), ("engnr", "engineer"),
        ("tech", "technician"), ("techn", "technician"), ("technican", "technician"),
        ("admin", "administrator"), ("adm", "administrator"),
        ("exec", "executive"), ("snr", "senior"), ("sr", "senior"), ("jnr", "junior"), ("jr", "junior"),
        ("dept", "department"), ("dir", "director"), ("dpty", "deputy"), ("dep", "deputy"),
        ("coord", "coordinator"), ("coordinater", "coordinator"), ("supv", "supervisor"), ("supvr", "supervisor"),
        ("supt", "superintendent"), ("rep", "representative"),
        ("ops", "operations"), ("op", "operative"), ("opr", "operator"),
        ("acct", "accountant"), ("acc", "account"),
        ("hr", "human resources"), ("svc", "service"), ("serv", "service"), ("cust", "customer"),
        ("mkt", "marketing"), ("mktg", "marketing"), ("maint", "maintenance"), ("elec", "electrical"),
        ("mech", "mechanical"), ("sw", "software"), ("prog", "programmer"), ("gen", "general"),
        ("govt", "government"), ("gov", "government"), ("intl", "international"), ("natl", "national"),
        ("mfr", "manufacture"), ("mfg", "manufacture"), ("manufacturing", "manufacture"),
        ("dr", "doctor"), ("prof", "professor"), ("pa", "personal assistant"), ("hca", "healthcare assistant"),
        ("cscs", "construction"), ("lab", "laboratory"), ("dist", "distribution"), ("whse", "warehouse"),
        ("w/h", "warehouse"), ("wh", "warehouse"), ("recept", "receptionist"), ("sec", "secretary"),
        ("nurs", "nursing"), ("pharm", "pharmacy"), ("physio", "physiotherapist"), ("vet", "veterinary"),
        ("ict", "it"), ("dba", "database administrator"), ("qs", "quantity surveyor"), ("bdm", "business development manager"),
        ("ft", "full time"), ("pt", "part time"));

    /// <summary>The expansion of a (lower-case, plural-stemmed) token, or null when it is not a known short form.</summary>
    public static string[]? Expand(string token) => Map.GetValueOrDefault(token);

    private static Dictionary<string, string[]> Build(params (string Short, string Long)[] pairs)
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (s, l) in pairs)
            if (s != l) map[s] = l.Split(' ');
        return map;
    }
}
