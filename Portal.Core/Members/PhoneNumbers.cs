namespace Portal.Core.Members;

/// <summary>
/// Bound phone numbers as staff see and search them. A number is personal data: lists show it masked
/// (138****8000), only the member's own admin page shows it whole.
/// </summary>
public static class PhoneNumbers
{
    private const string Mainland = "+86";

    /// <summary>138****8000 for +8613800138000; null for no number.</summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
            return null;
        var local = phone.StartsWith(Mainland, StringComparison.Ordinal) ? phone[Mainland.Length..] : phone;
        return local.Length < 8 ? "****" : $"{local[..3]}****{local[^4..]}";
    }

    /// <summary>The last four digits, stored beside the number so "the number ending 8000" finds it by an index.</summary>
    public static string? LastFour(string? phone) => phone is { Length: >= 4 } ? phone[^4..] : null;

    /// <summary>
    /// What an operator typed, read as a phone search: a whole number (any of the ways people write it),
    /// its last four digits, or its first three to ten digits. Null when it does not look like a phone
    /// number at all (letters in it), so a nickname search is not mistaken for one.
    /// </summary>
    public static PhoneSearch? ReadSearch(string? query)
    {
        if (string.IsNullOrWhiteSpace(query) || !query.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+'))
            return null;
        if (PhoneVerification.Normalize(query) is { } whole)
            return new PhoneSearch(whole, null, null, null);
        var digits = new string(query.Where(char.IsAsciiDigit).ToArray());
        var lastFour = digits.Length == 4 ? digits : null;
        // A prefix as a range on the number's own index: [+86138, +86139). Equal-length digit strings
        // compare the same in every collation, so the range is right on both databases.
        var (from, to) = digits.Length is >= 3 and <= 10 && digits[0] == '1'
            ? (Mainland + digits, Mainland + (long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            : ((string?)null, (string?)null);
        return lastFour is null && from is null ? null : new PhoneSearch(null, lastFour, from, to);
    }
}

/// <summary>A phone search: a whole number, the last four digits, or a prefix as the range [From, To).</summary>
public sealed record PhoneSearch(string? Whole, string? LastFour, string? From, string? To);
