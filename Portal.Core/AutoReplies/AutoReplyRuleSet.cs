using System.Text.RegularExpressions;

namespace Portal.Core.AutoReplies;

/// <summary>
/// The enabled rules compiled for matching: text rules in priority order with their regular expressions
/// built once, follow greetings by scene, click replies by key. Immutable, so a message matches against
/// one consistent set while a refresh builds the next.
/// </summary>
public sealed class AutoReplyRuleSet
{
    /// <summary>A regular expression that takes longer than this on one message is treated as no match.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    private readonly (AutoReplyRule Rule, Regex? Regex)[] _textRules;
    private readonly Dictionary<string, AutoReplyRule> _followByScene;
    private readonly Dictionary<string, AutoReplyRule> _clickByKey;

    public static readonly AutoReplyRuleSet Empty = new([]);

    public AutoReplyRuleSet(IEnumerable<AutoReplyRule> rules)
    {
        var enabled = rules.Where(r => r.Enabled).OrderByDescending(r => r.Priority).ThenBy(r => r.Id).ToList();
        _textRules = enabled
            .Where(r => r.Trigger is RuleTrigger.Exact or RuleTrigger.Contains or RuleTrigger.Regex && !string.IsNullOrEmpty(r.Pattern))
            .Select(r => (r, r.Trigger == RuleTrigger.Regex ? TryCompile(r.Pattern!) : null))
            .Where(x => x.Item1.Trigger != RuleTrigger.Regex || x.Item2 is not null)
            .ToArray();
        // The first rule (by priority) for a scene or key wins; later ones are shadowed.
        _followByScene = new Dictionary<string, AutoReplyRule>(StringComparer.Ordinal);
        _clickByKey = new Dictionary<string, AutoReplyRule>(StringComparer.Ordinal);
        foreach (var rule in enabled)
        {
            if (rule.Trigger == RuleTrigger.Follow)
                _followByScene.TryAdd(rule.Pattern ?? "", rule);
            else if (rule.Trigger == RuleTrigger.Click && !string.IsNullOrEmpty(rule.Pattern))
                _clickByKey.TryAdd(rule.Pattern, rule);
        }
        Default = enabled.FirstOrDefault(r => r.Trigger == RuleTrigger.Default);
    }

    /// <summary>The reply for what nothing matched, if the operator set one.</summary>
    public AutoReplyRule? Default { get; }

    /// <summary>The highest-priority text rule that matches <paramref name="text"/>.</summary>
    public AutoReplyRule? MatchText(string text)
    {
        var trimmed = text.AsSpan().Trim();
        foreach (var (rule, regex) in _textRules)
        {
            var matched = rule.Trigger switch
            {
                RuleTrigger.Exact => trimmed.Equals(rule.Pattern.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase),
                RuleTrigger.Contains => trimmed.Contains(rule.Pattern.AsSpan(), StringComparison.OrdinalIgnoreCase),
                _ => SafeIsMatch(regex!, text),
            };
            if (matched)
                return rule;
        }
        return null;
    }

    /// <summary>The greeting for a follow through <paramref name="scene"/>, falling back to the plain greeting.</summary>
    public AutoReplyRule? ForFollow(string? scene) =>
        scene is not null && _followByScene.TryGetValue(scene, out var byScene) ? byScene
        : _followByScene.GetValueOrDefault("");

    /// <summary>The greeting of one scene only, for a follower who scans a scene's QR code again.</summary>
    public AutoReplyRule? ForScene(string scene) => _followByScene.GetValueOrDefault(scene);

    public AutoReplyRule? ForClick(string key) => _clickByKey.GetValueOrDefault(key);

    /// <summary>Null when the pattern is not a valid regular expression (the admin pages refuse such a rule).</summary>
    public static Regex? TryCompile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool SafeIsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A catastrophic pattern must not stall the webhook; the next rule gets its chance.
            return false;
        }
    }
}
