using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Platform;

/// <summary>
/// Reads a string field that the platform sometimes sends as a number (a conditional menu's
/// <c>matchrule</c> comes back with <c>"sex":1</c> though it is posted as <c>"sex":"1"</c>).
/// </summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or a number, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
