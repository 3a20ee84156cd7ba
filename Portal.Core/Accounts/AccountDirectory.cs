using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;

namespace Portal.Core.Accounts;

/// <summary>
/// The Official Accounts this Portal serves: the default one from <c>WeChat:*</c> and the others from
/// <c>WeChat:Accounts</c>, each with its stable id from <see cref="WeChatAccountStore"/>. Read once at start-up
/// (<see cref="LoadAsync"/>, after the migrations, before the first request); the accounts never change while
/// Portal runs, so a lookup is a dictionary read.
/// </summary>
public sealed class AccountDirectory
{
    private readonly IOptions<WeChatOptions>? _options;
    private readonly WeChatAccountStore? _store;
    private Loaded? _loaded;

    public AccountDirectory(IOptions<WeChatOptions> options, WeChatAccountStore store)
    {
        _options = options;
        _store = store;
    }

    private AccountDirectory(IReadOnlyList<WeChatAccount> accounts) => _loaded = new Loaded(accounts);

    /// <summary>A directory of accounts already numbered, for tools and tests that need no database; the first is the default.</summary>
    public static AccountDirectory Of(params WeChatAccount[] accounts)
    {
        if (accounts.Length == 0 || !accounts[0].IsDefault)
            throw new ArgumentException("The first account is the default one, id 1.", nameof(accounts));
        return new AccountDirectory(accounts);
    }

    /// <summary>The account configured under <c>WeChat:*</c>, id 1.</summary>
    public WeChatAccount Default => Accounts.All[0];

    /// <summary>Every account, the default first, then in configuration order.</summary>
    public IReadOnlyList<WeChatAccount> All => Accounts.All;

    public WeChatAccount? Find(int id) => Accounts.ById.GetValueOrDefault(id);

    /// <summary>The account with this AppId (as the platform writes it: lower-case hexadecimal, but compared without case).</summary>
    public WeChatAccount? FindByAppId(string appId) => Accounts.ByAppId.GetValueOrDefault(appId);

    /// <summary>As <see cref="FindByAppId(string)"/>, for a path segment, without making a string of it.</summary>
    public WeChatAccount? FindByAppId(ReadOnlySpan<char> appId) =>
        Accounts.ByAppIdSpan.TryGetValue(appId, out var account) ? account : null;

    /// <summary>Numbers the configured accounts (see <see cref="WeChatAccountStore"/>); called once at start-up, again harmlessly.</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        if (_store is null || _options is null)
            return;
        var o = _options.Value;
        var others = o.Accounts.Select(a => (a.AppId, NameOf(a.Name, a.AppId))).ToList();
        var ids = await _store.RegisterAsync(o.AppId, NameOf(o.Name, o.AppId), others, ct).ConfigureAwait(false);
        var accounts = new List<WeChatAccount>
        {
            new() { Id = WeChatAccount.DefaultId, AppId = o.AppId, Name = NameOf(o.Name, o.AppId), AppSecret = o.AppSecret, Token = o.Token, EncodingAESKey = o.EncodingAESKey },
        };
        accounts.AddRange(o.Accounts.Select(a => new WeChatAccount
        {
            Id = ids[a.AppId], AppId = a.AppId, Name = NameOf(a.Name, a.AppId), AppSecret = a.AppSecret, Token = a.Token, EncodingAESKey = a.EncodingAESKey,
        }));
        _loaded = new Loaded(accounts);
    }

    private Loaded Accounts => _loaded
        ?? throw new InvalidOperationException("The account directory is read at start-up, after the migrations; nothing may ask it for an account before.");

    private static string NameOf(string name, string appId) => string.IsNullOrWhiteSpace(name) ? appId : name.Trim();

    private sealed class Loaded
    {
        public Loaded(IReadOnlyList<WeChatAccount> all)
        {
            All = all;
            ById = all.ToFrozenDictionary(a => a.Id);
            ByAppId = all.ToFrozenDictionary(a => a.AppId, StringComparer.OrdinalIgnoreCase);
            ByAppIdSpan = ByAppId.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public IReadOnlyList<WeChatAccount> All { get; }

        public FrozenDictionary<int, WeChatAccount> ById { get; }

        public FrozenDictionary<string, WeChatAccount> ByAppId { get; }

        public FrozenDictionary<string, WeChatAccount>.AlternateLookup<ReadOnlySpan<char>> ByAppIdSpan { get; }
    }
}
