using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Platform;

/// <summary>How Portal writes JSON for the platform (and how the sandbox answers in kind).</summary>
public static class PlatformJson
{
    /// <summary>
    /// Absent fields are left out rather than sent as null, and Chinese text goes as UTF-8 rather than
    /// <c>\uXXXX</c> escapes, which the platform refuses in some fields (errcode 40033).
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
