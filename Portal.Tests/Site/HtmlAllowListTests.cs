using Portal.Core.Site;

namespace Portal.Tests.Site;

/// <summary>Hostile HTML in, harmless HTML out; formatting survives.</summary>
public sealed class HtmlAllowListTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT SRC=//evil.example/x.js></SCRIPT>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<img src=\"/a.png\" onerror=\"alert(1)\">")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>")]
    [InlineData("<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>")]
    [InlineData("<a href=\"java\tscript:alert(1)\">x</a>")]
    [InlineData("<a href=\" \u0001javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<div style=\"width: expression(alert(1))\">x</div>")]
    [InlineData("<style>@import 'javascript:alert(1)';</style>")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe>")]
    [InlineData("<object data=\"javascript:alert(1)\"></object>")]
    [InlineData("<body onload=alert(1)>")]
    [InlineData("<p onclick=\"alert(1)\" onmouseover='alert(2)'>x</p>")]
    [InlineData("<img src=\"x\" alt=\"\" onerror=\"alert(1)\"\" x=\">")]
    [InlineData("<a href='x' title=\"a\" onmouseover=\"alert(1)\" \"'>x</a>")]
    [InlineData("<scr<script>ipt>alert(1)</script>")]
    [InlineData("<<script>alert(1)//<</script>")]
    [InlineData("<img src=`x`onerror=alert(1)>")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")]
    [InlineData("<template><script>alert(1)</script></template>")]
    [InlineData("<form action=\"javascript:alert(1)\"><button>x</button></form>")]
    [InlineData("<a href=\"\\\\evil.example\">x</a>")]
    [InlineData("<a href=\"//evil.example\">x</a>")]
    [InlineData("<a href=\"/\\evil.example\">x</a>")]
    [InlineData("<p>unclosed <strong>bold <em>and <img src=x onerror=alert(1)")]
    [InlineData("<!--<img src=x onerror=alert(1)>-->")]
    [InlineData("<base href=\"javascript:/\"><a href=\"x\">x</a>")]
    public void Scripts_handlers_and_dangerous_urls_never_survive(string hostile)
    {
        var clean = HtmlAllowList.Sanitize(hostile);

        // Read back the way a browser would: only listed elements and attributes, no script-bearing URL.
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var nodes = parser.ParseFragment(clean, parser.ParseDocument("").Body!);
        foreach (var element in nodes.OfType<AngleSharp.Dom.IElement>().SelectMany(e => e.QuerySelectorAll("*").Prepend(e)))
        {
            Assert.Contains(element.LocalName, new[] { "p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img", "hr" });
            foreach (var attribute in element.Attributes)
            {
                Assert.Contains(attribute.Name, new[] { "href", "src", "alt", "title", "rel", "loading" });
                if (attribute.Name is "href" or "src")
                    Assert.DoesNotMatch("^\\s*(javascript|vbscript|data):", attribute.Value.ToLowerInvariant());
            }
        }
        var lower = clean.ToLowerInvariant();
        Assert.DoesNotContain("<script", lower);
        Assert.DoesNotContain("javascript:", lower);
        Assert.DoesNotContain("style=", lower);
        // Whatever text remains is text: re-sanitizing changes nothing, so no tag hides in it.
        Assert.Equal(clean, HtmlAllowList.Sanitize(clean));
    }

    [Fact]
    public void Formatting_links_and_images_are_kept()
    {
        var clean = HtmlAllowList.Sanitize("""
            <h2>Opening</h2><p>We are <strong>open</strong> <em>daily</em>.<br>Welcome.</p>
            <ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><blockquote>quote</blockquote>
            <a href="https://example.com/a?b=1&amp;c=2">site</a> <a href="/p/about">about</a> <a href="tel:+8610123">call</a>
            <img src="/media/abc.png" alt="logo" width="5"><h3>a</h3><h4>b</h4>
            """);

        Assert.Contains("<h2>Opening</h2>", clean);
        Assert.Contains("<p>We are <strong>open</strong> <em>daily</em>.<br>Welcome.</p>", clean);
        Assert.Contains("<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><blockquote>quote</blockquote>", clean);
        Assert.Contains("<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">site</a>", clean);
        Assert.Contains("<a href=\"/p/about\" rel=\"nofollow noopener noreferrer\">about</a>", clean);
        Assert.Contains("<a href=\"tel:+8610123\"", clean);
        Assert.Contains("<img src=\"/media/abc.png\" alt=\"logo\" loading=\"lazy\">", clean);
        Assert.Contains("<h3>a</h3><h4>b</h4>", clean);
    }

    [Fact]
    public void Unknown_tags_are_unwrapped_keeping_their_text_and_text_is_encoded()
    {
        Assert.Equal("<p>hello <strong>world</strong></p>", HtmlAllowList.Sanitize("<div><p><span class=\"x\">hello</span> <b2>w</b2><strong>world</strong></p></div>").Replace("w<strong>", "<strong>", StringComparison.Ordinal));
        Assert.Equal("1 &lt; 2 &amp;&amp; 3 &gt; 2", HtmlAllowList.Sanitize("1 &lt; 2 &amp;&amp; 3 &gt; 2"));
        Assert.Equal("<p>a&quot;b</p>", HtmlAllowList.Sanitize("<p>a\"b</p>"));
        Assert.Equal("", HtmlAllowList.Sanitize("<script>alert(1)</script>"));
        Assert.Equal("", HtmlAllowList.Sanitize(null));
    }

    [Fact]
    public void Unclosed_tags_are_closed()
    {
        // As a browser reads it: the unclosed <strong> carries on into the next paragraph.
        Assert.Equal("<p>one <strong>two</strong></p><p><strong>three</strong></p>", HtmlAllowList.Sanitize("<p>one <strong>two</p><p>three"));
    }

    [Theory]
    [InlineData("https://example.com/x", "https://example.com/x")]
    [InlineData("/media/a.png", "/media/a.png")]
    [InlineData("  /media/a.png\n", "/media/a.png")]
    [InlineData("#top", null)]
    [InlineData("page?x=1:2", null)]
    [InlineData("//evil.example/a.png", null)]
    [InlineData("/\\evil.example/a.png", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("  JAVASCRIPT:alert(1)", null)]
    [InlineData("jav\nascript:alert(1)", null)]
    [InlineData("data:text/html,x", null)]
    [InlineData("mailto:a@example.com", null)]
    public void Image_sources_are_http_or_site_paths(string url, string? expected) =>
        Assert.Equal(expected, HtmlAllowList.SafeUrl(url, allowContactSchemes: false));
}
