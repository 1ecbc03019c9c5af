namespace SocBridge.Recode.Evaluation;

/// <summary>Seeded changes to a title that the free-text coder should survive: a typo, or advert words added.</summary>
internal static class Perturbation
{
    private static readonly string[] Prefixes = ["Senior", "Trainee", "Part-time", "Junior", "Temporary", "Experienced"];
    private static readonly string[] Suffixes = [" - London", " (Manchester)", " - part time", " £24k", " - immediate start", " Leeds"];

    /// <summary>One edit (swap, drop, double or replace a letter) in a word of five letters or more, if there is one.</summary>
    public static string Typo(string title, Random random)
    {
        var words = title.Split(' ');
        var eligible = Enumerable.Range(0, words.Length).Where(i => words[i].Count(char.IsLetter) >= 5 && words[i].All(char.IsLetter)).ToArray();
        if (eligible.Length == 0) return title;
        var w = eligible[random.Next(eligible.Length)];
        var word = words[w];
        var p = random.Next(1, word.Length - 1);
        words[w] = random.Next(4) switch
        {
            0 => word[..p] + word[p + 1] + word[p] + word[(p + 2)..],
            1 => word.Remove(p, 1),
            2 => word.Insert(p, word[p].ToString()),
            _ => word[..p] + (char)('a' + (word[p] - 'a' + 1 + random.Next(24)) % 26) + word[(p + 1)..],
        };
        return string.Join(' ', words);
    }

    /// <summary>An advert word before the title, and a place, pay or hours phrase after it.</summary>
    public static string ExtraWords(string title, Random random) =>
        $"{Prefixes[random.Next(Prefixes.Length)]} {title}{Suffixes[random.Next(Suffixes.Length)]}";
}
