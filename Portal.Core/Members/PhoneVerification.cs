using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Portal.Core.Coordination;
using Portal.Core.Data;

namespace Portal.Core.Members;

/// <summary>
/// Binding a member's mobile number with an SMS code. Codes are six digits, valid five minutes, kept only
/// as a hash and only in the shared store (so any instance can check them), with five tries each. Sending
/// is limited: one a minute per number and per member, and ten a day per number, so the page cannot be used to flood a phone or run
/// up the SMS bill.
/// </summary>
public sealed partial class PhoneVerification(ISmsSender sms, ICoordinationStore store, DbConnectionFactory db, TimeProvider time)
{
    public static readonly TimeSpan CodeLife = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(1);
    public const int MaxPerDay = 10;
    public const int MaxTries = 5;

    public bool Available => sms.Available;

    public async Task<PhoneCodeRequest> SendCodeAsync(long memberId, string phone, CancellationToken ct = default)
    {
        if (Normalize(phone) is not { } number)
            return PhoneCodeRequest.InvalidNumber;
        if (!await store.TryClaimAsync($"sms-cooldown:{number}", "1", Cooldown, ct).ConfigureAwait(false)
            || !await store.TryClaimAsync($"sms-cooldown-member:{memberId}", "1", Cooldown, ct).ConfigureAwait(false))
            return PhoneCodeRequest.TooSoon;
        if (!await CountTodayAsync(number, ct).ConfigureAwait(false))
            return PhoneCodeRequest.TooManyToday;
        var code = RandomNumberGenerator.GetString("0123456789", 6);
        await store.SetAsync(CodeKey(memberId, number), $"{Hash(memberId, number, code)}|0", CodeLife, ct).ConfigureAwait(false);
        await sms.SendCodeAsync(number, code, CodeLife, ct).ConfigureAwait(false);
        return PhoneCodeRequest.Sent;
    }

    public async Task<PhoneCodeCheck> BindAsync(int accountId, long memberId, string phone, string code, CancellationToken ct = default)
    {
        if (Normalize(phone) is not { } number)
            return PhoneCodeCheck.NoCode;
        var key = CodeKey(memberId, number);
        while (true)
        {
            if (await store.GetAsync(key, ct).ConfigureAwait(false) is not { } stored)
                return PhoneCodeCheck.NoCode;
            var bar = stored.IndexOf('|', StringComparison.Ordinal);
            var tries = int.Parse(stored[(bar + 1)..], CultureInfo.InvariantCulture);
            if (tries >= MaxTries)
                return PhoneCodeCheck.TooManyTries;
            // Count the try before comparing, so parallel guesses share the five.
            if (!await store.ReplaceIfEqualsAsync(key, stored, $"{stored[..bar]}|{tries + 1}", CodeLife, ct).ConfigureAwait(false))
                continue;
            var expected = Convert.FromHexString(stored[..bar]);
            var given = Convert.FromHexString(Hash(memberId, number, code.Trim()));
            if (!CryptographicOperations.FixedTimeEquals(expected, given))
                return tries + 1 >= MaxTries ? PhoneCodeCheck.TooManyTries : PhoneCodeCheck.Wrong;
            await store.DeleteIfEqualsAsync(key, $"{stored[..bar]}|{tries + 1}", ct).ConfigureAwait(false);
            return await SaveAsync(accountId, memberId, number, ct).ConfigureAwait(false) ? PhoneCodeCheck.Bound : PhoneCodeCheck.NumberTaken;
        }
    }

    /// <summary>Mainland numbers as WeChat users type them (11 digits starting with 1), written +86….</summary>
    public static string? Normalize(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13)
            digits = digits[2..];
        return MainlandMobile().IsMatch(digits) ? "+86" + digits : null;
    }

    private async Task<bool> SaveAsync(int accountId, long memberId, string number, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE members SET phone = @Phone, phone_last4 = @LastFour, updated_at = @At WHERE account_id = @AccountId AND id = @Id",
                new { AccountId = accountId, Phone = number, LastFour = PhoneNumbers.LastFour(number), Id = memberId, At = time.GetUtcNow() }, cancellationToken: ct)).ConfigureAwait(false);
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false; // another member of the account has bound this number
        }
    }

    private async Task<bool> CountTodayAsync(string number, CancellationToken ct)
    {
        var key = $"sms-daily:{number}:{time.GetUtcNow():yyyyMMdd}";
        while (true)
        {
            var current = await store.GetAsync(key, ct).ConfigureAwait(false);
            var count = current is null ? 0 : int.Parse(current, CultureInfo.InvariantCulture);
            if (count >= MaxPerDay)
                return false;
            var next = (count + 1).ToString(CultureInfo.InvariantCulture);
            var stored = current is null
                ? await store.TryClaimAsync(key, next, TimeSpan.FromDays(1), ct).ConfigureAwait(false)
                : await store.ReplaceIfEqualsAsync(key, current, next, TimeSpan.FromDays(1), ct).ConfigureAwait(false);
            if (stored)
                return true;
        }
    }

    private static string CodeKey(long memberId, string number) => $"sms-code:{memberId}:{number}";

    private static string Hash(long memberId, string number, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId}|{number}|{code}")));

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex MainlandMobile();
}

public enum PhoneCodeRequest { Sent, InvalidNumber, TooSoon, TooManyToday }

public enum PhoneCodeCheck { Bound, Wrong, NoCode, TooManyTries, NumberTaken }
