namespace SocBridge.Recode.Io;

/// <summary>
/// Counts read back from the model cache's binary files, checked before anything is allocated with them: a
/// damaged file fails with <see cref="InvalidDataException"/> (and is rebuilt) instead of allocating without bound.
/// </summary>
internal static class CachedCount
{
    /// <summary><paramref name="value"/> when it is between 0 and <paramref name="limit"/> (the bytes left to read).</summary>
    /// <param name="value">The count as read.</param>
    /// <param name="limit">The most it can be: no count can exceed the bytes that remain.</param>
    /// <param name="what">What is counted, for the message ("a candidate count").</param>
    /// <param name="within">Where it is read from, for the message.</param>
    /// <exception cref="InvalidDataException">The count is negative or larger than <paramref name="limit"/>.</exception>
    public static int Checked(int value, long limit, string what, string within = "the file") =>
        value >= 0 && value <= limit ? value : throw new InvalidDataException($"{what} of {value} does not fit {within}");
}
