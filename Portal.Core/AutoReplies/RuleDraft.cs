using System.Text.RegularExpressions;
using Portal.Core.Links;
using Portal.Core.Messaging;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>
/// An auto-reply rule as the operator types it: every field a string, checked by <see cref="Build"/>,
/// which turns it into a rule or says what is wrong, field by field, in plain words.
/// </summary>
public sealed class RuleDraft
{
    public const int MaxTextLength = 2000;

    /// <summary>Priorities go from minus this to this: room for any ordering, far from an int's limits.</summary>
    public const int MaxPriority = 1_000_000;

    public string? Name { get; set; }
    public string Trigger { get; set; } = RuleTriggers.Key(RuleTrigger.Exact);
    public string? Pattern { get; set; }
    /// <summary>Empty means 0.</summary>
    public string? Priority { get; set; }
    public bool Enabled { get; set; } = true;

    public string ReplyType { get; set; } = ReplyTypes.Text;
    public string? Content { get; set; }
    public string? MediaId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? MusicUrl { get; set; }
    public string? HqMusicUrl { get; set; }
    public string? ThumbMediaId { get; set; }
    public string? KfAccount { get; set; }
    public List<ArticleDraft> Articles { get; set; } = [];

    /// <summary>Fills the article slots up to the platform's maximum, so the form always shows all of them.</summary>
    public RuleDraft WithArticleSlots()
    {
        while (Articles.Count < NewsReply.MaxArticles)
            Articles.Add(new ArticleDraft());
        return this;
    }

    public static RuleDraft From(AutoReplyRule rule)
    {
        var draft = new RuleDraft
        {
            Name = rule.Name,
            Trigger = RuleTriggers.Key(rule.Trigger),
            Pattern = rule.Pattern,
            Priority = rule.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Enabled = rule.Enabled,
            ReplyType = ReplyJson.TypeName(rule.Reply),
        };
        switch (rule.Reply)
        {
            case TextReply t: draft.Content = t.Content; break;
            case ImageReply i: draft.MediaId = i.MediaId; break;
            case VoiceReply v: draft.MediaId = v.MediaId; break;
            case VideoReply v: (draft.MediaId, draft.Title, draft.Description) = (v.MediaId, v.Title, v.Description); break;
            case MusicReply m:
                (draft.ThumbMediaId, draft.Title, draft.Description, draft.MusicUrl, draft.HqMusicUrl) = (m.ThumbMediaId, m.Title, m.Description, m.MusicUrl, m.HQMusicUrl);
                break;
            case NewsReply n:
                draft.Articles = n.Articles.Select(a => new ArticleDraft { Title = a.Title, Description = a.Description, PicUrl = a.PicUrl, Url = a.Url }).ToList();
                break;
            case TransferCustomerServiceReply k: draft.KfAccount = k.KfAccount; break;
        }
        return draft.WithArticleSlots();
    }

    /// <summary>The rule, or the problems keyed by field name (<c>Pattern</c>, <c>Articles[2].Url</c>, …).</summary>
    public RuleDraftResult Build(long id = 0)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = Name?.Trim() ?? "";
        if (name.Length == 0)
            errors[nameof(Name)] = "Give the rule a name, so you can find it in the list.";
        else if (name.Length > 100)
            errors[nameof(Name)] = "Keep the name under 100 characters.";

        if (!RuleTriggers.TryParse(Trigger, out var trigger))
            errors[nameof(Trigger)] = "Choose when the rule answers.";
        var priority = 0L;
        if (!string.IsNullOrWhiteSpace(Priority) && (!long.TryParse(Priority.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out priority)
            || priority is < -MaxPriority or > MaxPriority))
            errors[nameof(Priority)] = $"The priority is a whole number from -{MaxPriority} to {MaxPriority}.";
        var pattern = PatternFor(trigger, errors);
        var reply = BuildReply(errors);

        if (errors.Count > 0 || reply is null)
            return new RuleDraftResult(null, errors);
        return new RuleDraftResult(new AutoReplyRule
        {
            Id = id,
            Name = name,
            Trigger = trigger,
            Pattern = pattern,
            Priority = (int)priority,
            Enabled = Enabled,
            Reply = reply,
        }, errors);
    }

    private string? PatternFor(RuleTrigger trigger, Dictionary<string, string> errors)
    {
        var pattern = trigger == RuleTrigger.Regex ? Pattern : Pattern?.Trim();
        switch (trigger)
        {
            case RuleTrigger.Exact or RuleTrigger.Contains:
                if (string.IsNullOrEmpty(pattern))
                    errors[nameof(Pattern)] = "Enter the words to look for.";
                return pattern;
            case RuleTrigger.Regex:
                if (string.IsNullOrEmpty(pattern))
                    errors[nameof(Pattern)] = "Enter a pattern.";
                else if (RegexProblem(pattern) is { } problem)
                    errors[nameof(Pattern)] = problem;
                return pattern;
            case RuleTrigger.Click:
                if (string.IsNullOrEmpty(pattern))
                    errors[nameof(Pattern)] = "Enter the menu button's key (the one set on the button in the menu).";
                else if (pattern.Length > 128)
                    errors[nameof(Pattern)] = "A menu key is at most 128 characters.";
                return pattern;
            case RuleTrigger.Follow:
                return string.IsNullOrEmpty(pattern) ? null : pattern;
            default:
                return null;
        }
    }

    /// <summary>
    /// Null when <paramref name="pattern"/> compiles the way the message server compiles it, else why
    /// not, in words an operator can act on.
    /// </summary>
    public static string? RegexProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, AutoReplyRuleSet.RegexTimeout);
            return null;
        }
        catch (RegexParseException e)
        {
            return $"This is not a valid pattern: {Explain(e.Error)} (at character {e.Offset}). " +
                   "To match a character such as ( [ . * + ? literally, put a backslash before it.";
        }
        catch (ArgumentException e)
        {
            return $"This is not a valid pattern: {e.Message}";
        }
    }

    private static string Explain(RegexParseError error) => error switch
    {
        RegexParseError.InsufficientClosingParentheses => "a “(” is never closed",
        RegexParseError.InsufficientOpeningParentheses => "there is a “)” without a “(” before it",
        RegexParseError.UnterminatedBracket => "a “[” is never closed",
        RegexParseError.QuantifierAfterNothing => "a *, + or ? has nothing before it to repeat",
        RegexParseError.NestedQuantifiersNotParenthesized => "two repeat signs (such as ** or +*) follow each other",
        RegexParseError.UnescapedEndingBackslash => "the pattern ends with a lone backslash",
        RegexParseError.ReversedCharacterRange => "a range such as [z-a] is backwards",
        RegexParseError.ReversedQuantifierRange => "a count such as {5,2} is backwards",
        RegexParseError.UnrecognizedEscape => "a backslash is followed by a letter that means nothing",
        _ => "the pattern cannot be read",
    };

    private Reply? BuildReply(Dictionary<string, string> errors)
    {
        string Required(string? value, string field, string message)
        {
            if (string.IsNullOrWhiteSpace(value))
                errors[field] = message;
            return value?.Trim() ?? "";
        }

        static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        switch (ReplyType)
        {
            case ReplyTypes.Text:
                var content = Required(Content, nameof(Content), "Enter the text to send.");
                if (content.Length > MaxTextLength)
                    errors[nameof(Content)] = $"Keep the text under {MaxTextLength} characters; WeChat cuts longer replies.";
                return errors.ContainsKey(nameof(Content)) ? null : new TextReply(Content!.Trim());
            case ReplyTypes.Image:
            case ReplyTypes.Voice:
                var media = Required(MediaId, nameof(MediaId), "Enter the media id of the uploaded file.");
                return media.Length == 0 ? null : ReplyType == ReplyTypes.Image ? new ImageReply(media) : new VoiceReply(media);
            case ReplyTypes.Video:
                var video = Required(MediaId, nameof(MediaId), "Enter the media id of the uploaded video.");
                return video.Length == 0 ? null : new VideoReply(video, Optional(Title), Optional(Description));
            case ReplyTypes.Music:
                var thumb = Required(ThumbMediaId, nameof(ThumbMediaId), "Enter the media id of the cover thumbnail; WeChat requires one.");
                CheckUrl(MusicUrl, nameof(MusicUrl), errors);
                CheckUrl(HqMusicUrl, nameof(HqMusicUrl), errors);
                return thumb.Length == 0 ? null : new MusicReply(thumb, Optional(Title), Optional(Description), Optional(MusicUrl), Optional(HqMusicUrl));
            case ReplyTypes.News:
                return BuildNews(errors);
            case ReplyTypes.TransferCustomerService:
                return new TransferCustomerServiceReply(Optional(KfAccount));
            default:
                errors[nameof(ReplyType)] = "Choose what kind of reply to send.";
                return null;
        }
    }

    private NewsReply? BuildNews(Dictionary<string, string> errors)
    {
        var filled = Articles.Select((a, i) => (Article: a, Index: i)).Where(x => !x.Article.IsEmpty).ToList();
        if (filled.Count == 0)
        {
            errors["Articles"] = "Fill in at least one article card.";
            return null;
        }
        if (filled.Count > NewsReply.MaxArticles)
        {
            errors["Articles"] = $"WeChat shows at most {NewsReply.MaxArticles} article cards.";
            return null;
        }
        var articles = new List<NewsArticle>();
        foreach (var (a, i) in filled)
        {
            if (string.IsNullOrWhiteSpace(a.Title))
                errors[$"Articles[{i}].Title"] = "Each card needs a title.";
            if (string.IsNullOrWhiteSpace(a.Url))
                errors[$"Articles[{i}].Url"] = "Each card needs the address it opens.";
            else
                CheckUrl(a.Url, $"Articles[{i}].Url", errors);
            CheckUrl(a.PicUrl, $"Articles[{i}].PicUrl", errors);
            articles.Add(new NewsArticle(a.Title?.Trim() ?? "", a.Description?.Trim() ?? "", a.PicUrl?.Trim() ?? "", a.Url?.Trim() ?? ""));
        }
        return errors.Keys.Any(k => k.StartsWith("Articles", StringComparison.Ordinal)) ? null : new NewsReply(articles);
    }

    private static void CheckUrl(string? value, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return;
        // Cards and music open on the follower's phone: the one allow-list for stored links, absolute only.
        if (LinkAllowList.ProblemWith(value, webAddressOnly: true) is { } problem)
            errors[field] = problem;
    }
}

/// <summary>The outcome of <see cref="RuleDraft.Build"/>: a rule, or the problems by field.</summary>
public sealed record RuleDraftResult(AutoReplyRule? Rule, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Rule is not null && Errors.Count == 0;
}
