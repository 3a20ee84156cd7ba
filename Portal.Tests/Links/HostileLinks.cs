namespace Portal.Tests.Links;

/// <summary>
/// Links that run script or leave for another host while looking like a path, in the forms browsers
/// still follow: any case, leading whitespace and control characters, tabs and newlines inside the scheme,
/// entity-encoded, zero-width characters, and backslashes that browsers read as slashes.
/// </summary>
public static class HostileLinks
{
    public static readonly string[] All =
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "JAVASCRIPT:alert(1)",
        "  javascript:alert(1)",
        "\tjavascript:alert(1)",
        "\n\rjavascript:alert(1)",
        "\u0001javascript:alert(1)",
        "\u200Bjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\u0000script:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "javascript&#58;alert(1)",
        "javascript://%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        " //evil.example/x",
        "/\\evil.example/x",
        "\\\\evil.example/x",
        "/\t/evil.example/x",
        "https:\\\\evil.example/x",
        "https://",
        "ftp://example.com/x",
        "mailto:a@example.com",
        "articles/1",
    ];

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var link in All)
            data.Add(link);
        return data;
    }
}
