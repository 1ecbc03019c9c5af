using System.Diagnostics.CodeAnalysis;
using SocBridge.Core.Classification;

namespace SocBridge.Core.Lookup;

/// <summary>Why user input could not be resolved to a group, with the nearest valid codes.</summary>
/// <param name="Input">The text as given.</param>
/// <param name="Version">The edition the text was read as.</param>
/// <param name="Malformed">True when the text is not a SOC code at all; false when it is a code that names no group.</param>
/// <param name="Message">A one-line explanation fit to show the user.</param>
/// <param name="Suggestions">The nearest valid codes, best first (possibly none).</param>
public sealed record LookupFailure(string Input, SocVersion Version, bool Malformed, string Message, IReadOnlyList<GroupRef> Suggestions);

/// <summary>
/// The outcome of resolving user input (a code given as text): either a value or a <see cref="LookupFailure"/>
/// saying why there is none. Bad input is reported here, never thrown. Every <see cref="CodeLookup"/> method
/// that takes text returns this type.
/// </summary>
/// <typeparam name="T">The value produced on success.</typeparam>
public sealed class LookupResult<T>
{
    private readonly T _value;

    private LookupResult(T value, LookupFailure? failure)
    {
        _value = value;
        Failure = failure;
    }

    /// <summary>A successful result holding <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    public static LookupResult<T> ForValue(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    /// <param name="failure">Why there is no value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public static LookupResult<T> ForFailure(LookupFailure failure) =>
        new(default!, failure ?? throw new ArgumentNullException(nameof(failure)));

    /// <summary>Whether there is a value.</summary>
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Success => Failure is null;

    /// <summary>Why there is no value; null on success.</summary>
    public LookupFailure? Failure { get; }

    /// <summary>The value.</summary>
    /// <exception cref="InvalidOperationException">The lookup failed; the message is <see cref="LookupFailure.Message"/>.</exception>
    public T Value => Success ? _value : throw new InvalidOperationException(Failure.Message);

    /// <summary>The value when there is one.</summary>
    /// <param name="value">The value on success; the default of <typeparamref name="T"/> otherwise.</param>
    /// <returns>Whether there is a value.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return Success;
    }

    /// <summary>A result with <paramref name="map"/> applied to the value, or the same failure.</summary>
    /// <typeparam name="TOut">The new value's type.</typeparam>
    /// <param name="map">The function applied to the value on success.</param>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public LookupResult<TOut> Select<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Success ? LookupResult<TOut>.ForValue(map(_value)) : LookupResult<TOut>.ForFailure(Failure);
    }

    /// <summary>The value's text, or the failure's message.</summary>
    public override string ToString() => Success ? _value?.ToString() ?? "" : Failure.Message;
}
