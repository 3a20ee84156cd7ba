using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>
/// Finds rules that can never answer because another rule always answers first, in the order the message
/// server tries them (<see cref="AutoReplyRuleSet"/>): priority, then age. Disabled rules are left out;
/// they answer nothing anyway.
/// </summary>
public static class RuleReview
{
    // Texts that any sensible keyword rule should not all match; a pattern that matches the empty text
    // matches every message.
    private static readonly string[] Probes = ["", "a", "hello", "你好", "12345", "?"];

    public static IReadOnlyList<RuleFinding> Review(IEnumerable<AutoReplyRule> rules)
    {
        var ordered = rules.Where(r => r.Enabled).OrderByDescending(r => r.Priority).ThenBy(r => r.Id).ToList();
        var findings = new List<RuleFinding>();
        ReviewText(ordered, findings);
        ReviewKeyed(ordered, RuleTrigger.Follow, r => r.Pattern ?? "", findings);
        ReviewKeyed(ordered, RuleTrigger.Click, r => r.Pattern ?? "", findings);
        ReviewKeyed(ordered, RuleTrigger.Default, _ => "", findings);
        NoteSingleCardReplies(ordered, findings);
        return findings;
    }

    // WeChat shows one article card when answering a follower's message (all of them after an event), so
    // cards two to eight of a keyword or default rule are never seen.
    private static void NoteSingleCardReplies(List<AutoReplyRule> ordered, List<RuleFinding> findings)
    {
        foreach (var rule in ordered)
        {
            if (rule.Reply is NewsReply { Articles.Count: > 1 } news && rule.Trigger is RuleTrigger.Exact or RuleTrigger.Contains or RuleTrigger.Regex or RuleTrigger.Default)
                findings.Add(new(rule.Id, $"“{rule.Name}” answers a follower's message, where WeChat shows only the first of its {news.Articles.Count} article cards.", NeverAnswers: false));
        }
    }

    private static void ReviewText(List<AutoReplyRule> ordered, List<RuleFinding> findings)
    {
        var earlier = new List<(AutoReplyRule Rule, System.Text.RegularExpressions.Regex? Regex)>();
        AutoReplyRule? catchAll = null;
        foreach (var rule in ordered.Where(r => r.Trigger is RuleTrigger.Exact or RuleTrigger.Contains or RuleTrigger.Regex))
        {
            if (string.IsNullOrEmpty(rule.Pattern))
                continue;
            var regex = rule.Trigger == RuleTrigger.Regex ? AutoReplyRuleSet.TryCompile(rule.Pattern) : null;
            if (rule.Trigger == RuleTrigger.Regex && regex is null)
            {
                findings.Add(new(rule.Id, $"“{rule.Name}” never answers: its pattern is not a valid regular expression, so the message server skips it. Edit it to see what is wrong."));
                continue;
            }

            if (catchAll is not null)
            {
                findings.Add(new(rule.Id, $"“{rule.Name}” never answers: “{catchAll.Name}” comes first and answers every message."));
                continue;
            }
            if (earlier.FirstOrDefault(e => AlwaysBeats(e.Rule, e.Regex, rule)) is { Rule: not null } winner)
            {
                findings.Add(new(rule.Id, $"“{rule.Name}” never answers: “{winner.Rule.Name}” ({RuleTriggers.Label(winner.Rule.Trigger).ToLowerInvariant()} {RuleTriggers.DescribePattern(winner.Rule)}) comes first and catches every message this rule would. Give “{rule.Name}” a higher priority or narrow the other rule."));
                continue;
            }

            if (MatchesEverything(rule, regex))
            {
                catchAll = rule;
                var below = ordered.Count(r => r.Trigger is RuleTrigger.Exact or RuleTrigger.Contains or RuleTrigger.Regex && r != rule && ordered.IndexOf(r) > ordered.IndexOf(rule));
                var hasDefault = ordered.Any(r => r.Trigger == RuleTrigger.Default);
                findings.Add(new(rule.Id, $"“{rule.Name}” answers every message{(below > 0 ? $", so the {below} keyword rule(s) after it never answer" : "")}{(hasDefault ? " and the default reply is never used" : "")}. Is the pattern meant to be this broad?"));
            }
            earlier.Add((rule, regex));
        }
    }

    /// <summary>Whether <paramref name="first"/> matches every text <paramref name="later"/> matches, so later never answers.</summary>
    private static bool AlwaysBeats(AutoReplyRule first, System.Text.RegularExpressions.Regex? firstRegex, AutoReplyRule later)
    {
        var f = first.Pattern!;
        var l = later.Pattern!;
        return (first.Trigger, later.Trigger) switch
        {
            // An exact rule answers one text; a higher rule that matches that text takes it.
            (RuleTrigger.Exact, RuleTrigger.Exact) => string.Equals(f.Trim(), l.Trim(), StringComparison.OrdinalIgnoreCase),
            (RuleTrigger.Contains, RuleTrigger.Exact) => l.Trim().Contains(f, StringComparison.OrdinalIgnoreCase),
            (RuleTrigger.Regex, RuleTrigger.Exact) => SafeMatch(firstRegex!, l.Trim()),
            // Every text that contains the later words also contains the earlier ones.
            (RuleTrigger.Contains, RuleTrigger.Contains) => l.Contains(f, StringComparison.OrdinalIgnoreCase),
            (RuleTrigger.Regex, RuleTrigger.Regex) => string.Equals(f, l, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static bool MatchesEverything(AutoReplyRule rule, System.Text.RegularExpressions.Regex? regex) =>
        rule.Trigger == RuleTrigger.Regex && regex is not null && Probes.All(p => SafeMatch(regex, p));

    private static bool SafeMatch(System.Text.RegularExpressions.Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static void ReviewKeyed(List<AutoReplyRule> ordered, RuleTrigger trigger, Func<AutoReplyRule, string> key, List<RuleFinding> findings)
    {
        var first = new Dictionary<string, AutoReplyRule>(StringComparer.Ordinal);
        foreach (var rule in ordered.Where(r => r.Trigger == trigger))
        {
            if (trigger == RuleTrigger.Click && string.IsNullOrEmpty(rule.Pattern))
                continue;
            if (first.TryGetValue(key(rule), out var winner))
            {
                var what = trigger switch
                {
                    RuleTrigger.Follow => string.IsNullOrEmpty(rule.Pattern) ? "is also a greeting for a plain follow" : $"greets the same scene “{rule.Pattern}”",
                    RuleTrigger.Click => $"answers the same menu key “{rule.Pattern}”",
                    _ => "is a second default reply",
                };
                findings.Add(new(rule.Id, $"“{rule.Name}” never answers: it {what} as “{winner.Name}”, which comes first. Disable or delete one of them."));
            }
            else
            {
                first[key(rule)] = rule;
            }
        }
    }
}
