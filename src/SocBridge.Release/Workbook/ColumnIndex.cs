namespace SocBridge.Release.Workbook;

/// <summary>Converts between Excel column letters ("A", "Z", "AA") and 0-based indexes.</summary>
internal static class ColumnIndex
{
    public static int FromLetters(string letters)
    {
        if (string.IsNullOrEmpty(letters)) throw new ArgumentException("a column needs at least one letter", nameof(letters));
        var index = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z') throw new ArgumentException($"'{letters}' is not an Excel column", nameof(letters));
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    public static string ToLetters(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
