using Portal.Core.AutoReplies;
using Portal.Core.WeChat.Replies;

namespace Portal.Tests.AutoReplies;

/// <summary>Which rules can never answer, judged in the order the message server tries them.</summary>
public sealed class RuleReviewTests
{
    private static long _id;

    private static AutoReplyRule Rule(string name, RuleTrigger trigger, string? pattern, int priority = 0, bool enabled = true) => new()
    {
        Id = Interlocked.Increment(ref _id),
        Name = name,
        Trigger = trigger,
        Pattern = pattern,
        Priority = priority,
        Enabled = enabled,
        Reply = new TextReply(name),
    };

    private static string[] Flagged(params AutoReplyRule[] rules)
    {
        var findings = RuleReview.Review(rules);
        return rules.Where(r => findings.Any(f => f.RuleId == r.Id)).Select(r => r.Name).ToArray();
    }

    [Fact]
    public void A_higher_contains_rule_shadows_an_exact_rule_with_its_words()
    {
        Assert.Equal(["exact"], Flagged(Rule("contains", RuleTrigger.Contains, "price", 10), Rule("exact", RuleTrigger.Exact, "Price of tea")));
        // The other way round both answer.
        Assert.Empty(Flagged(Rule("exact", RuleTrigger.Exact, "price of tea", 10), Rule("contains", RuleTrigger.Contains, "price")));
    }

    [Fact]
    public void Equal_priorities_go_by_age()
    {
        var older = Rule("older", RuleTrigger.Contains, "tea");
        var newer = Rule("newer", RuleTrigger.Contains, "green tea");
        Assert.Equal(["newer"], Flagged(newer, older));
    }

    [Fact]
    public void Duplicates_of_keys_scenes_plain_greetings_and_defaults_are_flagged()
    {
        Assert.Equal(["click 2", "scene 2", "plain 2", "default 2"], Flagged(
            Rule("click 1", RuleTrigger.Click, "K"), Rule("click 2", RuleTrigger.Click, "K"),
            Rule("scene 1", RuleTrigger.Follow, "poster"), Rule("scene 2", RuleTrigger.Follow, "poster"),
            Rule("plain 1", RuleTrigger.Follow, null), Rule("plain 2", RuleTrigger.Follow, null),
            Rule("default 1", RuleTrigger.Default, null), Rule("default 2", RuleTrigger.Default, null)));
    }

    [Fact]
    public void A_regex_that_matches_everything_is_named_and_hides_what_follows()
    {
        var all = Rule("all", RuleTrigger.Regex, "^.*$", 5);
        var findings = RuleReview.Review([all, Rule("hours", RuleTrigger.Exact, "hours"), Rule("default", RuleTrigger.Default, null)]);
        Assert.Contains(findings, f => f.RuleId == all.Id && f.Message.Contains("answers every message, so the 1 keyword rule(s) after it never answer and the default reply is never used"));
        Assert.Contains(findings, f => f.Message.StartsWith("“hours” never answers: “all” comes first"));
    }

    [Fact]
    public void Extra_article_cards_on_a_keyword_rule_are_noted_but_the_rule_still_answers()
    {
        var cards = new NewsReply([new NewsArticle("one", "", "", "https://a.example/1"), new NewsArticle("two", "", "", "https://a.example/2")]);
        var keyword = Rule("sale", RuleTrigger.Contains, "sale") with { Reply = cards };
        var greeting = Rule("hello", RuleTrigger.Follow, null) with { Reply = cards };
        var finding = Assert.Single(RuleReview.Review([keyword, greeting]));
        Assert.Equal(keyword.Id, finding.RuleId);
        Assert.False(finding.NeverAnswers);
        Assert.Contains("WeChat shows only the first of its 2 article cards", finding.Message);
    }

    [Fact]
    public void A_regex_that_matches_the_exact_text_shadows_it_and_disabled_rules_are_ignored()
    {
        Assert.Equal(["exact"], Flagged(Rule("regex", RuleTrigger.Regex, @"^order\s*\d+$", 1), Rule("exact", RuleTrigger.Exact, "order 12")));
        Assert.Empty(Flagged(Rule("off", RuleTrigger.Contains, "price", 10, enabled: false), Rule("exact", RuleTrigger.Exact, "price")));
        Assert.Empty(Flagged(Rule("tea", RuleTrigger.Contains, "tea"), Rule("coffee", RuleTrigger.Contains, "coffee"), Rule("order", RuleTrigger.Regex, @"^order \d+$")));
    }
}

/// <summary>The tester answers as the message server's handlers would, with the unsaved rule in place.</summary>
public sealed class RuleTesterTests
{
    private static AutoReplyRule Rule(long id, string name, RuleTrigger trigger, string? pattern, int priority = 0) =>
        new() { Id = id, Name = name, Trigger = trigger, Pattern = pattern, Priority = priority, Reply = new TextReply(name) };

    private static readonly AutoReplyRule[] Saved =
    [
        Rule(1, "hours", RuleTrigger.Exact, "hours"),
        Rule(2, "price", RuleTrigger.Contains, "price"),
        Rule(3, "order", RuleTrigger.Regex, @"^order\s*#?(\d{6})$"),
        Rule(4, "welcome", RuleTrigger.Follow, null),
        Rule(5, "poster", RuleTrigger.Follow, "poster"),
        Rule(6, "menu", RuleTrigger.Click, "MENU_HOURS"),
        Rule(7, "default", RuleTrigger.Default, null),
    ];

    [Theory]
    [InlineData(RuleTestKind.Text, "  HOURS ", "hours")]
    [InlineData(RuleTestKind.Text, "what is the price?", "price")]
    [InlineData(RuleTestKind.Text, "order #123456", "order")]
    [InlineData(RuleTestKind.Text, "anything", "default")]
    [InlineData(RuleTestKind.Follow, "", "welcome")]
    [InlineData(RuleTestKind.Follow, "poster", "poster")]
    [InlineData(RuleTestKind.Follow, "flyer", "welcome")]
    [InlineData(RuleTestKind.Scan, "poster", "poster")]
    [InlineData(RuleTestKind.Scan, "flyer", null)]
    [InlineData(RuleTestKind.Click, "MENU_HOURS", "menu")]
    [InlineData(RuleTestKind.Click, "OTHER", null)]
    public void The_saved_rules_answer_as_the_message_server_would(RuleTestKind kind, string value, string? winner) =>
        Assert.Equal(winner, RuleTester.Run(Saved, null, new RuleTest(kind, value)).Rule?.Name);

    [Fact]
    public void An_edited_rule_replaces_its_saved_version_and_a_new_one_joins_last_among_equals()
    {
        var edited = Rule(1, "hours", RuleTrigger.Exact, "opening hours");
        Assert.Equal("default", RuleTester.Run(Saved, edited, new RuleTest(RuleTestKind.Text, "hours")).Rule?.Name);

        var competing = Rule(0, "new price", RuleTrigger.Contains, "price");
        var result = RuleTester.Run(Saved, competing, new RuleTest(RuleTestKind.Text, "price"));
        Assert.Equal("price", result.Rule?.Name);
        var higher = RuleTester.Run(Saved, competing with { Priority = 1 }, new RuleTest(RuleTestKind.Text, "price"));
        Assert.Equal("new price", higher.Rule?.Name);
        Assert.True(higher.IsUnsaved);
    }
}

/// <summary>The rule form's checks, in the words operators see.</summary>
public sealed class RuleDraftTests
{
    [Theory]
    [InlineData("order (\\d+", "a “(” is never closed")]
    [InlineData("[abc", "a “[” is never closed")]
    [InlineData("*hello", "a *, + or ? has nothing before it to repeat")]
    [InlineData("hello\\", "the pattern ends with a lone backslash")]
    public void A_broken_pattern_is_explained(string pattern, string explanation)
    {
        var result = new RuleDraft { Name = "r", Trigger = "regex", Pattern = pattern, Content = "x" }.Build();
        Assert.False(result.IsValid);
        Assert.Contains(explanation, result.Errors["Pattern"]);
    }

    [Fact]
    public void Every_reply_type_round_trips_through_the_form()
    {
        var rules = new Reply[]
        {
            new TextReply("hi"), new ImageReply("m1"), new VoiceReply("m2"), new VideoReply("m3", "T", "D"),
            new MusicReply("thumb", "Song", "Best", "https://m.example/a.mp3", "https://m.example/hq.mp3"),
            new NewsReply([.. Enumerable.Range(1, 8).Select(i => new NewsArticle($"A{i}", "d", "https://img.example/1.jpg", $"https://x.example/{i}"))]),
            new TransferCustomerServiceReply("kf@shop"), new TransferCustomerServiceReply(),
        }.Select(r => new AutoReplyRule { Id = 3, Name = "n", Trigger = RuleTrigger.Click, Pattern = "K", Priority = 2, Reply = r });

        foreach (var rule in rules)
        {
            var rebuilt = RuleDraft.From(rule).Build(3).Rule;
            Assert.Equal(Portal.Core.Messaging.ReplyJson.Serialize(rule.Reply), Portal.Core.Messaging.ReplyJson.Serialize(rebuilt!.Reply));
            Assert.Equal(rule with { Reply = rebuilt.Reply }, rebuilt);
        }
    }

    [Fact]
    public void Missing_fields_are_named_per_reply_type()
    {
        Assert.Equal(["Content", "Name", "Pattern"], new RuleDraft { Trigger = "exact" }.Build().Errors.Keys.Order());
        Assert.Contains("ThumbMediaId", new RuleDraft { Name = "n", Trigger = "default", ReplyType = "music" }.Build().Errors.Keys);
        var news = new RuleDraft { Name = "n", Trigger = "follow", ReplyType = "news" }.WithArticleSlots();
        news.Articles[2].Title = "Only a title";
        Assert.Equal("Each card needs the address it opens.", news.Build().Errors["Articles[2].Url"]);
        Assert.True(new RuleDraft { Name = "n", Trigger = "follow", ReplyType = "transfer_customer_service" }.Build().IsValid);
    }
}
